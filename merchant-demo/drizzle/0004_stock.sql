CREATE TABLE `stock` (
	`product_id` text PRIMARY KEY NOT NULL,
	`remaining` integer NOT NULL
);
