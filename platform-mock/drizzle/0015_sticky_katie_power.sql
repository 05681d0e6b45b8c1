CREATE TABLE `oa_industries` (
	`appid` text PRIMARY KEY NOT NULL,
	`industry1` integer NOT NULL,
	`industry2` integer NOT NULL,
	`changed_at` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `oa_templates` ADD `short_id` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `oa_templates` ADD `added_at` integer DEFAULT 0 NOT NULL;