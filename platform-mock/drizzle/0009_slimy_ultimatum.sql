CREATE TABLE `channels_accounts` (
	`finder_user_name` text PRIMARY KEY NOT NULL,
	`brand_id` text NOT NULL,
	`nickname` text NOT NULL,
	`signature` text NOT NULL,
	`color` text NOT NULL,
	`appid` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `channels_comments` (
	`id` text PRIMARY KEY NOT NULL,
	`feed_id` text NOT NULL,
	`person_id` text NOT NULL,
	`text` text NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `channels_comments_feed` ON `channels_comments` (`feed_id`,`at`);--> statement-breakpoint
CREATE TABLE `channels_follows` (
	`finder_user_name` text NOT NULL,
	`person_id` text NOT NULL,
	`at` integer NOT NULL,
	PRIMARY KEY(`finder_user_name`, `person_id`)
);
--> statement-breakpoint
CREATE TABLE `channels_likes` (
	`feed_id` text NOT NULL,
	`person_id` text NOT NULL,
	`at` integer NOT NULL,
	PRIMARY KEY(`feed_id`, `person_id`)
);
--> statement-breakpoint
CREATE INDEX `channels_likes_person` ON `channels_likes` (`person_id`);--> statement-breakpoint
CREATE TABLE `channels_live_viewers` (
	`live_id` text NOT NULL,
	`person_id` text NOT NULL,
	`joined_at` integer NOT NULL,
	`left_at` integer,
	PRIMARY KEY(`live_id`, `person_id`)
);
--> statement-breakpoint
CREATE TABLE `channels_lives` (
	`live_id` text PRIMARY KEY NOT NULL,
	`feed_id` text NOT NULL,
	`nonce_id` text NOT NULL,
	`notice_id` text NOT NULL,
	`finder_user_name` text NOT NULL,
	`title` text NOT NULL,
	`description` text NOT NULL,
	`status` text NOT NULL,
	`shelf` text NOT NULL,
	`scheduled_for` integer NOT NULL,
	`started_at` integer,
	`ended_at` integer,
	`peak_viewers` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `channels_lives_account` ON `channels_lives` (`finder_user_name`,`created_at`);--> statement-breakpoint
CREATE TABLE `channels_taps` (
	`id` text PRIMARY KEY NOT NULL,
	`source` text NOT NULL,
	`source_id` text NOT NULL,
	`person_id` text NOT NULL,
	`product_id` text,
	`appid` text NOT NULL,
	`scene` integer NOT NULL,
	`attribution_id` text NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `channels_taps_source` ON `channels_taps` (`source`,`source_id`);--> statement-breakpoint
CREATE TABLE `channels_videos` (
	`feed_id` text PRIMARY KEY NOT NULL,
	`nonce_id` text NOT NULL,
	`finder_user_name` text NOT NULL,
	`title` text NOT NULL,
	`description` text NOT NULL,
	`products` text NOT NULL,
	`mini_program` text,
	`posted_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `channels_videos_account` ON `channels_videos` (`finder_user_name`,`posted_at`);