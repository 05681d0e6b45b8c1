CREATE TABLE `oa_followers` (
	`openid` text PRIMARY KEY NOT NULL,
	`unionid` text,
	`subscribed` integer DEFAULT true NOT NULL,
	`store_id` text,
	`scene` text,
	`followed_at` text,
	`last_scan_store_id` text,
	`last_scan_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `oa_followers_unionid` ON `oa_followers` (`unionid`);--> statement-breakpoint
CREATE TABLE `oa_inbox` (
	`key` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
ALTER TABLE `orders` ADD `attribution_id` text;--> statement-breakpoint
ALTER TABLE `orders` ADD `first_touch_channel` text;--> statement-breakpoint
ALTER TABLE `orders` ADD `share_id` text;--> statement-breakpoint
ALTER TABLE `orders` ADD `share_chain` text;--> statement-breakpoint
ALTER TABLE `orders` ADD `follow_store_id` text;--> statement-breakpoint
ALTER TABLE `orders` ADD `oa_template_msg_id` text;