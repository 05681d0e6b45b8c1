CREATE TABLE `wecom_customers` (
	`external_userid` text NOT NULL,
	`userid` text NOT NULL,
	`member_id` text,
	`order_id` text,
	`added_at` text NOT NULL,
	`welcomed` integer DEFAULT false NOT NULL,
	`reengage_msgid` text,
	`reengaged_at` text,
	PRIMARY KEY(`external_userid`, `userid`)
);
--> statement-breakpoint
CREATE TABLE `wecom_inbox` (
	`key` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `wecom_kf_cursors` (
	`open_kfid` text PRIMARY KEY NOT NULL,
	`cursor` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `wecom_order_codes` (
	`order_id` text PRIMARY KEY NOT NULL,
	`config_id` text NOT NULL,
	`qr_code` text NOT NULL,
	`userid` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
