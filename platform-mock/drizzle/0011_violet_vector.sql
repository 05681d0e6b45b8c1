CREATE TABLE `oa_images` (
	`key` text PRIMARY KEY NOT NULL,
	`appid` text NOT NULL,
	`media_id` text,
	`type` text NOT NULL,
	`format` text NOT NULL,
	`filename` text NOT NULL,
	`bytes` blob NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `oa_images_media` ON `oa_images` (`media_id`);