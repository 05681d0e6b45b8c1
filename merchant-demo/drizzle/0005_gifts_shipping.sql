CREATE TABLE `gifts` (
	`id` text PRIMARY KEY NOT NULL,
	`token` text NOT NULL,
	`kind` text NOT NULL,
	`buyer_id` text NOT NULL,
	`order_id` text NOT NULL,
	`message` text DEFAULT '' NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`recipient_id` text,
	`expires_at` text NOT NULL,
	`claimed_at` text,
	`redeemed_at` text,
	`redeemed_order_id` text,
	`redeemed_store_id` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`buyer_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recipient_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `gifts_token_unique` ON `gifts` (`token`);--> statement-breakpoint
CREATE INDEX `gifts_buyer` ON `gifts` (`buyer_id`);--> statement-breakpoint
CREATE INDEX `gifts_recipient` ON `gifts` (`recipient_id`);--> statement-breakpoint
CREATE TABLE `member_consents` (
	`member_id` text NOT NULL,
	`kind` text NOT NULL,
	`credits` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `member_consents_kind` ON `member_consents` (`member_id`,`kind`);--> statement-breakpoint
ALTER TABLE `member_coupons` ADD `reminded_at` text;--> statement-breakpoint
ALTER TABLE `orders` ADD `kind` text DEFAULT 'order' NOT NULL;--> statement-breakpoint
ALTER TABLE `orders` ADD `gift_id` text;--> statement-breakpoint
ALTER TABLE `orders` ADD `shipping_address` text;--> statement-breakpoint
ALTER TABLE `orders` ADD `carrier` text;--> statement-breakpoint
ALTER TABLE `orders` ADD `tracking_no` text;--> statement-breakpoint
ALTER TABLE `orders` ADD `shipped_at` text;--> statement-breakpoint
ALTER TABLE `orders` ADD `shipped_message_id` text;