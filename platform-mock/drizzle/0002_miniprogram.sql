CREATE TABLE `mp_codes` (
	`id` text PRIMARY KEY NOT NULL,
	`appid` text NOT NULL,
	`kind` text NOT NULL,
	`page` text NOT NULL,
	`scene` text NOT NULL,
	`query` text NOT NULL,
	`env_version` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `mp_codes_identity` ON `mp_codes` (`appid`,`kind`,`page`,`scene`,`query`,`env_version`);--> statement-breakpoint
CREATE TABLE `mp_journeys` (
	`person_id` text PRIMARY KEY NOT NULL,
	`journey_id` text NOT NULL,
	`channel` text NOT NULL,
	`scene` integer NOT NULL,
	`started_at` integer NOT NULL,
	`last_launch_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `mp_links` (
	`ticket` text PRIMARY KEY NOT NULL,
	`appid` text NOT NULL,
	`kind` text NOT NULL,
	`path` text NOT NULL,
	`query` text NOT NULL,
	`env_version` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `mp_login_codes` (
	`code` text PRIMARY KEY NOT NULL,
	`appid` text NOT NULL,
	`person_id` text NOT NULL,
	`session_key` text NOT NULL,
	`issued_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer
);
--> statement-breakpoint
CREATE INDEX `mp_login_codes_person` ON `mp_login_codes` (`person_id`,`issued_at`);--> statement-breakpoint
CREATE TABLE `mp_notifications` (
	`id` text PRIMARY KEY NOT NULL,
	`msgid` integer NOT NULL,
	`appid` text NOT NULL,
	`person_id` text NOT NULL,
	`template_id` text NOT NULL,
	`page` text,
	`state` text NOT NULL,
	`lang` text NOT NULL,
	`data` text NOT NULL,
	`sent_at` integer NOT NULL,
	`opened_at` integer
);
--> statement-breakpoint
CREATE INDEX `mp_notifications_person` ON `mp_notifications` (`person_id`,`sent_at`);--> statement-breakpoint
CREATE TABLE `mp_pages` (
	`appid` text NOT NULL,
	`path` text NOT NULL,
	`position` integer NOT NULL,
	`title` text DEFAULT '' NOT NULL,
	PRIMARY KEY(`appid`, `path`)
);
--> statement-breakpoint
CREATE TABLE `mp_subscribe_templates` (
	`template_id` text PRIMARY KEY NOT NULL,
	`appid` text NOT NULL,
	`slug` text NOT NULL,
	`title` text NOT NULL,
	`title_en` text NOT NULL,
	`keywords` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `mp_subscriptions` (
	`appid` text NOT NULL,
	`person_id` text NOT NULL,
	`template_id` text NOT NULL,
	`credits` integer NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`appid`, `person_id`, `template_id`)
);
