CREATE TABLE `api_tickets` (
	`ticket` text PRIMARY KEY NOT NULL,
	`appid` text NOT NULL,
	`type` text NOT NULL,
	`issued_at` integer NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `api_tickets_owner` ON `api_tickets` (`appid`,`type`);--> statement-breakpoint
CREATE TABLE `card_codes` (
	`seq` integer PRIMARY KEY NOT NULL,
	`card_id` text NOT NULL,
	`appid` text NOT NULL,
	`code` text NOT NULL,
	`encrypt_code` text NOT NULL,
	`person_id` text NOT NULL,
	`openid` text NOT NULL,
	`state` text NOT NULL,
	`begin_at` integer NOT NULL,
	`end_at` integer NOT NULL,
	`nonce_str` text,
	`outer_str` text DEFAULT '' NOT NULL,
	`bonus` integer DEFAULT 0 NOT NULL,
	`balance` integer DEFAULT 0 NOT NULL,
	`received_at` integer NOT NULL,
	`consumed_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `card_codes_code` ON `card_codes` (`appid`,`code`);--> statement-breakpoint
CREATE UNIQUE INDEX `card_codes_encrypt` ON `card_codes` (`encrypt_code`);--> statement-breakpoint
CREATE UNIQUE INDEX `card_codes_nonce` ON `card_codes` (`card_id`,`nonce_str`);--> statement-breakpoint
CREATE INDEX `card_codes_person` ON `card_codes` (`person_id`);--> statement-breakpoint
CREATE TABLE `cards` (
	`card_id` text PRIMARY KEY NOT NULL,
	`appid` text NOT NULL,
	`card_type` text NOT NULL,
	`title` text NOT NULL,
	`brand_name` text NOT NULL,
	`logo_url` text NOT NULL,
	`color` text NOT NULL,
	`description` text NOT NULL,
	`notice` text DEFAULT '' NOT NULL,
	`code_type` text NOT NULL,
	`date_info` text NOT NULL,
	`quantity` integer NOT NULL,
	`total_quantity` integer NOT NULL,
	`get_limit` integer NOT NULL,
	`use_custom_code` integer NOT NULL,
	`bind_openid` integer NOT NULL,
	`body` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `cards_appid` ON `cards` (`appid`);