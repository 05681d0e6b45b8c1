CREATE TABLE `member_coupons` (
	`id` text PRIMARY KEY NOT NULL,
	`member_id` text NOT NULL,
	`coupon_id` text NOT NULL,
	`claimed_at` text NOT NULL,
	`expires_at` text NOT NULL,
	`used_order_id` text,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `member_coupons_once` ON `member_coupons` (`member_id`,`coupon_id`);--> statement-breakpoint
ALTER TABLE `orders` ADD `member_coupon_id` text;--> statement-breakpoint
ALTER TABLE `orders` ADD `discount` integer DEFAULT 0 NOT NULL;