CREATE TABLE `wecom_kf_messages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`external_userid` text NOT NULL,
	`open_kfid` text NOT NULL,
	`msgid` text NOT NULL,
	`from` text NOT NULL,
	`content` text NOT NULL,
	`sent_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `wecom_kf_messages_msgid_unique` ON `wecom_kf_messages` (`msgid`);--> statement-breakpoint
CREATE INDEX `wecom_kf_messages_customer` ON `wecom_kf_messages` (`external_userid`,`id`);