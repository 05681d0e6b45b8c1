CREATE TABLE `chat_attributions` (
	`id` text PRIMARY KEY NOT NULL,
	`person_id` text NOT NULL,
	`appid` text NOT NULL,
	`journey_id` text NOT NULL,
	`launch_event_id` integer NOT NULL,
	`share_id` text,
	`channel` text NOT NULL,
	`chain` text NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `chat_attributions_person` ON `chat_attributions` (`person_id`,`appid`,`launch_event_id`);--> statement-breakpoint
CREATE TABLE `chat_shares` (
	`id` text PRIMARY KEY NOT NULL,
	`parent_id` text,
	`how` text NOT NULL,
	`kind` text NOT NULL,
	`sharer` text NOT NULL,
	`conversation` text NOT NULL,
	`message_seq` integer NOT NULL,
	`appid` text,
	`target` text NOT NULL,
	`title` text NOT NULL,
	`journey_id` text,
	`first_touch` text NOT NULL,
	`sent_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `chat_shares_message` ON `chat_shares` (`message_seq`);--> statement-breakpoint
CREATE INDEX `chat_shares_parent` ON `chat_shares` (`parent_id`);