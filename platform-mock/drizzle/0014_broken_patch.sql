CREATE TABLE `sandbox_faults` (
	`id` integer PRIMARY KEY NOT NULL,
	`surface` text NOT NULL,
	`fault` text NOT NULL,
	`params` text NOT NULL,
	`route` text,
	`method` text,
	`app` text,
	`person` text,
	`journey` text,
	`remaining` integer,
	`probability` real NOT NULL,
	`fired` integer DEFAULT 0 NOT NULL,
	`draws` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL
);
