CREATE TABLE `wecom_corp_tags` (
	`tag_id` text PRIMARY KEY NOT NULL,
	`corpid` text NOT NULL,
	`group_id` text NOT NULL,
	`group_name` text NOT NULL,
	`group_order` integer DEFAULT 0 NOT NULL,
	`name` text NOT NULL,
	`order` integer DEFAULT 0 NOT NULL,
	`create_time` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `wecom_corp_tags_corp` ON `wecom_corp_tags` (`corpid`,`group_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `wecom_corp_tags_name` ON `wecom_corp_tags` (`corpid`,`group_id`,`name`);