CREATE TABLE `wecom_app_messages` (
	`seq` integer PRIMARY KEY NOT NULL,
	`corpid` text NOT NULL,
	`agentid` integer NOT NULL,
	`msgid` text NOT NULL,
	`touser` text NOT NULL,
	`msgtype` text NOT NULL,
	`body` text NOT NULL,
	`sent_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `wecom_app_messages_corp` ON `wecom_app_messages` (`corpid`,`seq`);--> statement-breakpoint
CREATE TABLE `wecom_callbacks` (
	`corpid` text PRIMARY KEY NOT NULL,
	`url` text NOT NULL,
	`token` text NOT NULL,
	`encoding_aes_key` text NOT NULL,
	`verified_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `wecom_contact_ways` (
	`config_id` text PRIMARY KEY NOT NULL,
	`corpid` text NOT NULL,
	`code` text NOT NULL,
	`type` integer NOT NULL,
	`scene` integer NOT NULL,
	`style` integer,
	`remark` text DEFAULT '' NOT NULL,
	`skip_verify` integer NOT NULL,
	`state` text DEFAULT '' NOT NULL,
	`users` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `wecom_contact_ways_code` ON `wecom_contact_ways` (`code`);--> statement-breakpoint
CREATE TABLE `wecom_follows` (
	`corpid` text NOT NULL,
	`userid` text NOT NULL,
	`person_id` text NOT NULL,
	`external_userid` text NOT NULL,
	`remark` text DEFAULT '' NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`state` text DEFAULT '' NOT NULL,
	`add_way` integer NOT NULL,
	`config_id` text,
	`tags` text NOT NULL,
	`createtime` integer NOT NULL,
	`welcome_code` text,
	`welcome_expires_at` integer,
	`welcome_used_at` integer,
	PRIMARY KEY(`corpid`, `userid`, `person_id`)
);
--> statement-breakpoint
CREATE INDEX `wecom_follows_external` ON `wecom_follows` (`corpid`,`external_userid`);--> statement-breakpoint
CREATE UNIQUE INDEX `wecom_follows_welcome` ON `wecom_follows` (`welcome_code`);--> statement-breakpoint
CREATE TABLE `wecom_kf_accounts` (
	`open_kfid` text PRIMARY KEY NOT NULL,
	`corpid` text NOT NULL,
	`name` text NOT NULL,
	`servicer` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `wecom_kf_tokens` (
	`token` text PRIMARY KEY NOT NULL,
	`corpid` text NOT NULL,
	`open_kfid` text NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `wecom_messages` (
	`seq` integer PRIMARY KEY NOT NULL,
	`corpid` text NOT NULL,
	`peer` text NOT NULL,
	`channel` text NOT NULL,
	`person_id` text NOT NULL,
	`from` text NOT NULL,
	`source` text NOT NULL,
	`msgid` text NOT NULL,
	`kind` text NOT NULL,
	`body` text NOT NULL,
	`sent_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `wecom_messages_chat` ON `wecom_messages` (`corpid`,`peer`,`person_id`,`seq`);--> statement-breakpoint
CREATE TABLE `wecom_msg_templates` (
	`msgid` text PRIMARY KEY NOT NULL,
	`corpid` text NOT NULL,
	`chat_type` text NOT NULL,
	`tasks` text NOT NULL,
	`text` text,
	`attachments` text NOT NULL,
	`created_at` integer NOT NULL
);
