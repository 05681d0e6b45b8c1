CREATE TABLE `chat_messages` (
	`seq` integer PRIMARY KEY NOT NULL,
	`conversation` text NOT NULL,
	`sender` text NOT NULL,
	`kind` text NOT NULL,
	`body` text NOT NULL,
	`sent_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `chat_messages_conversation` ON `chat_messages` (`conversation`,`seq`);--> statement-breakpoint
CREATE TABLE `chat_reads` (
	`person_id` text NOT NULL,
	`conversation` text NOT NULL,
	`last_seq` integer NOT NULL,
	PRIMARY KEY(`person_id`, `conversation`)
);
