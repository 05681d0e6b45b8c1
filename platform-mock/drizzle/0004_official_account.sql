CREATE TABLE `oa_drafts` (
	`media_id` text PRIMARY KEY NOT NULL,
	`appid` text NOT NULL,
	`articles` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `oa_interactions` (
	`appid` text NOT NULL,
	`openid` text NOT NULL,
	`last_at` integer NOT NULL,
	`kind` text NOT NULL,
	PRIMARY KEY(`appid`, `openid`)
);
--> statement-breakpoint
CREATE TABLE `oa_menus` (
	`appid` text PRIMARY KEY NOT NULL,
	`menu` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `oa_messages` (
	`seq` integer PRIMARY KEY NOT NULL,
	`appid` text NOT NULL,
	`person_id` text NOT NULL,
	`direction` text NOT NULL,
	`source` text NOT NULL,
	`kind` text NOT NULL,
	`body` text NOT NULL,
	`msgid` text,
	`sent_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `oa_messages_person` ON `oa_messages` (`appid`,`person_id`,`seq`);--> statement-breakpoint
CREATE UNIQUE INDEX `oa_messages_client` ON `oa_messages` (`appid`,`msgid`);--> statement-breakpoint
CREATE TABLE `oa_oauth_codes` (
	`code` text PRIMARY KEY NOT NULL,
	`appid` text NOT NULL,
	`person_id` text NOT NULL,
	`scope` text NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer
);
--> statement-breakpoint
CREATE TABLE `oa_oauth_tokens` (
	`access_token` text PRIMARY KEY NOT NULL,
	`refresh_token` text NOT NULL,
	`appid` text NOT NULL,
	`person_id` text NOT NULL,
	`scope` text NOT NULL,
	`expires_at` integer NOT NULL,
	`refresh_expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `oa_publications` (
	`publish_id` text PRIMARY KEY NOT NULL,
	`appid` text NOT NULL,
	`media_id` text NOT NULL,
	`article_id` text NOT NULL,
	`msg_data_id` integer NOT NULL,
	`status` integer NOT NULL,
	`articles` text NOT NULL,
	`published_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `oa_publications_article` ON `oa_publications` (`article_id`);--> statement-breakpoint
CREATE TABLE `oa_pushes` (
	`id` integer PRIMARY KEY NOT NULL,
	`appid` text NOT NULL,
	`person_id` text NOT NULL,
	`kind` text NOT NULL,
	`xml` text NOT NULL,
	`attempts` integer NOT NULL,
	`outcome` text NOT NULL,
	`detail` text,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `oa_qrcodes` (
	`ticket` text PRIMARY KEY NOT NULL,
	`appid` text NOT NULL,
	`action_name` text NOT NULL,
	`scene_id` integer,
	`scene_str` text,
	`url` text NOT NULL,
	`expires_at` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `oa_servers` (
	`appid` text PRIMARY KEY NOT NULL,
	`url` text NOT NULL,
	`token` text NOT NULL,
	`encoding_aes_key` text NOT NULL,
	`mode` text NOT NULL,
	`verified_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `oa_templates` (
	`appid` text NOT NULL,
	`template_id` text NOT NULL,
	`title` text NOT NULL,
	`content` text NOT NULL,
	PRIMARY KEY(`appid`, `template_id`)
);
--> statement-breakpoint
ALTER TABLE `oa_followers` ADD `qr_scene` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `oa_followers` ADD `qr_scene_str` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `oa_followers` ADD `remark` text DEFAULT '' NOT NULL;