CREATE TABLE `events` (
	`seq` integer PRIMARY KEY NOT NULL,
	`at` integer NOT NULL,
	`actor` text NOT NULL,
	`surface` text NOT NULL,
	`type` text NOT NULL,
	`subject` text NOT NULL,
	`journey_id` text,
	`channel` text,
	`payload` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `events_journey` ON `events` (`journey_id`,`seq`);--> statement-breakpoint
CREATE INDEX `events_surface_type` ON `events` (`surface`,`type`,`seq`);--> statement-breakpoint
CREATE TABLE `sandbox_jobs` (
	`id` integer PRIMARY KEY NOT NULL,
	`due_at` integer NOT NULL,
	`kind` text NOT NULL,
	`payload` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`ran_at` integer,
	`error` text
);
--> statement-breakpoint
CREATE INDEX `sandbox_jobs_due` ON `sandbox_jobs` (`status`,`due_at`,`id`);--> statement-breakpoint
CREATE TABLE `sandbox_keys` (
	`name` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sandbox_meta` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sandbox_snapshots` (
	`name` text PRIMARY KEY NOT NULL,
	`created_at` integer NOT NULL,
	`tables` integer NOT NULL,
	`rows` integer NOT NULL,
	`data` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `apps` (
	`appid` text PRIMARY KEY NOT NULL,
	`brand_id` text NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`secret` text NOT NULL,
	`original_id` text NOT NULL,
	`token` text,
	`encoding_aes_key` text
);
--> statement-breakpoint
CREATE TABLE `brands` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`name_zh` text NOT NULL,
	`color` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `friendships` (
	`a` text NOT NULL,
	`b` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`a`, `b`)
);
--> statement-breakpoint
CREATE TABLE `identities` (
	`appid` text NOT NULL,
	`person_id` text NOT NULL,
	`openid` text NOT NULL,
	`unionid` text NOT NULL,
	PRIMARY KEY(`appid`, `person_id`)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `identities_openid` ON `identities` (`openid`);--> statement-breakpoint
CREATE TABLE `people` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`name_zh` text NOT NULL,
	`avatar` text NOT NULL,
	`city` text NOT NULL,
	`language` text DEFAULT 'en' NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `access_tokens` (
	`token` text PRIMARY KEY NOT NULL,
	`owner` text NOT NULL,
	`host` text NOT NULL,
	`kind` text NOT NULL,
	`issued_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`revoked_at` integer
);
--> statement-breakpoint
CREATE INDEX `access_tokens_owner` ON `access_tokens` (`owner`,`kind`,`issued_at`);--> statement-breakpoint
CREATE TABLE `pay_merchants` (
	`mchid` text PRIMARY KEY NOT NULL,
	`brand_id` text NOT NULL,
	`name` text NOT NULL,
	`appids` text NOT NULL,
	`merchant_serial` text NOT NULL,
	`platform_serial` text NOT NULL,
	`platform_public_key_id` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `pay_wallets` (
	`person_id` text PRIMARY KEY NOT NULL,
	`balance` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `wecom_agents` (
	`corpid` text NOT NULL,
	`agentid` integer NOT NULL,
	`name` text NOT NULL,
	`secret` text NOT NULL,
	PRIMARY KEY(`corpid`, `agentid`)
);
--> statement-breakpoint
CREATE TABLE `wecom_corps` (
	`corpid` text PRIMARY KEY NOT NULL,
	`brand_id` text NOT NULL,
	`name` text NOT NULL,
	`token` text NOT NULL,
	`encoding_aes_key` text NOT NULL,
	`contact_secret` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `wecom_staff` (
	`corpid` text NOT NULL,
	`userid` text NOT NULL,
	`name` text NOT NULL,
	`position` text NOT NULL,
	`mobile` text NOT NULL,
	`avatar` text NOT NULL,
	PRIMARY KEY(`corpid`, `userid`)
);
--> statement-breakpoint
CREATE TABLE `chat_group_members` (
	`group_id` text NOT NULL,
	`person_id` text NOT NULL,
	`joined_at` integer NOT NULL,
	PRIMARY KEY(`group_id`, `person_id`)
);
--> statement-breakpoint
CREATE TABLE `chat_groups` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`owner_id` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `oa_followers` (
	`appid` text NOT NULL,
	`openid` text NOT NULL,
	`subscribe_time` integer NOT NULL,
	`subscribe_scene` text NOT NULL,
	PRIMARY KEY(`appid`, `openid`)
);
