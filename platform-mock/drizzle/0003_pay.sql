CREATE TABLE `pay_bills` (
	`id` integer PRIMARY KEY NOT NULL,
	`person_id` text NOT NULL,
	`kind` text NOT NULL,
	`amount` integer NOT NULL,
	`method` text NOT NULL,
	`mchid` text NOT NULL,
	`merchant_name` text NOT NULL,
	`description` text NOT NULL,
	`out_trade_no` text NOT NULL,
	`transaction_id` text NOT NULL,
	`refund_id` text,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `pay_bills_person` ON `pay_bills` (`person_id`,`at`);--> statement-breakpoint
CREATE UNIQUE INDEX `pay_bills_one_payment` ON `pay_bills` (`mchid`,`out_trade_no`) WHERE kind = 'payment';--> statement-breakpoint
CREATE TABLE `pay_notification_attempts` (
	`id` integer PRIMARY KEY NOT NULL,
	`notification_id` text NOT NULL,
	`n` integer NOT NULL,
	`trigger` text NOT NULL,
	`at` integer NOT NULL,
	`status` integer,
	`latency_ms` integer NOT NULL,
	`outcome` text NOT NULL,
	`answer` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `pay_notification_attempts_n` ON `pay_notification_attempts` (`notification_id`,`n`);--> statement-breakpoint
CREATE TABLE `pay_notifications` (
	`id` text PRIMARY KEY NOT NULL,
	`mchid` text NOT NULL,
	`event_type` text NOT NULL,
	`order_id` integer NOT NULL,
	`refund_id` text,
	`url` text NOT NULL,
	`body` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`ladder_step` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer,
	`journey_id` text,
	`created_at` integer NOT NULL,
	`delivered_at` integer
);
--> statement-breakpoint
CREATE INDEX `pay_notifications_order` ON `pay_notifications` (`order_id`);--> statement-breakpoint
CREATE TABLE `pay_orders` (
	`id` integer PRIMARY KEY NOT NULL,
	`mchid` text NOT NULL,
	`out_trade_no` text NOT NULL,
	`appid` text NOT NULL,
	`trade_type` text NOT NULL,
	`description` text NOT NULL,
	`total` integer NOT NULL,
	`currency` text NOT NULL,
	`attach` text,
	`notify_url` text NOT NULL,
	`request` text NOT NULL,
	`prepay_id` text NOT NULL,
	`code_url` text,
	`h5_url` text,
	`time_expire` integer NOT NULL,
	`trade_state` text DEFAULT 'NOTPAY' NOT NULL,
	`payer_openid` text,
	`person_id` text,
	`transaction_id` text,
	`success_time` integer,
	`bank_type` text,
	`pay_method` text,
	`refunded` integer DEFAULT 0 NOT NULL,
	`closed_at` integer,
	`journey_id` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `pay_orders_out_trade_no` ON `pay_orders` (`mchid`,`out_trade_no`);--> statement-breakpoint
CREATE UNIQUE INDEX `pay_orders_prepay_id` ON `pay_orders` (`prepay_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `pay_orders_code_url` ON `pay_orders` (`code_url`);--> statement-breakpoint
CREATE UNIQUE INDEX `pay_orders_transaction_id` ON `pay_orders` (`transaction_id`);--> statement-breakpoint
CREATE TABLE `pay_refunds` (
	`id` integer PRIMARY KEY NOT NULL,
	`refund_id` text NOT NULL,
	`mchid` text NOT NULL,
	`out_refund_no` text NOT NULL,
	`order_id` integer NOT NULL,
	`transaction_id` text NOT NULL,
	`out_trade_no` text NOT NULL,
	`reason` text,
	`notify_url` text,
	`total` integer NOT NULL,
	`refund` integer NOT NULL,
	`currency` text NOT NULL,
	`status` text DEFAULT 'PROCESSING' NOT NULL,
	`user_received_account` text NOT NULL,
	`person_id` text NOT NULL,
	`pay_method` text NOT NULL,
	`request` text NOT NULL,
	`journey_id` text,
	`created_at` integer NOT NULL,
	`success_time` integer,
	`settled_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `pay_refunds_out_refund_no` ON `pay_refunds` (`mchid`,`out_refund_no`);--> statement-breakpoint
CREATE UNIQUE INDEX `pay_refunds_refund_id` ON `pay_refunds` (`refund_id`);--> statement-breakpoint
ALTER TABLE `pay_merchants` ADD `platform_mode` text DEFAULT 'public_key' NOT NULL;--> statement-breakpoint
ALTER TABLE `pay_merchants` ADD `balance` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `pay_wallets` ADD `payment_password` text DEFAULT '123456' NOT NULL;--> statement-breakpoint
ALTER TABLE `pay_wallets` ADD `card_bank` text DEFAULT '招商银行' NOT NULL;--> statement-breakpoint
ALTER TABLE `pay_wallets` ADD `card_bank_type` text DEFAULT 'CMB_DEBIT' NOT NULL;--> statement-breakpoint
ALTER TABLE `pay_wallets` ADD `card_tail` text DEFAULT '0000' NOT NULL;--> statement-breakpoint
-- Guards (hand-written; drizzle-kit does not track triggers): they abort a whole batch, so a
-- payment, refund or settlement that lost a race to another writer changes nothing.
CREATE TRIGGER `pay_wallets_no_overdraft` BEFORE UPDATE OF `balance` ON `pay_wallets`
WHEN NEW.`balance` < 0
BEGIN SELECT RAISE(ABORT, 'PAY_GUARD:WALLET_NOT_ENOUGH'); END;--> statement-breakpoint
CREATE TRIGGER `pay_merchants_no_overdraft` BEFORE UPDATE OF `balance` ON `pay_merchants`
WHEN NEW.`balance` < 0
BEGIN SELECT RAISE(ABORT, 'PAY_GUARD:MERCHANT_NOT_ENOUGH'); END;--> statement-breakpoint
CREATE TRIGGER `pay_orders_state` BEFORE UPDATE OF `trade_state` ON `pay_orders`
WHEN NOT (
  (OLD.`trade_state` = NEW.`trade_state`)
  OR (OLD.`trade_state` = 'NOTPAY' AND NEW.`trade_state` IN ('SUCCESS', 'CLOSED'))
  OR (OLD.`trade_state` = 'SUCCESS' AND NEW.`trade_state` = 'REFUND')
)
BEGIN SELECT RAISE(ABORT, 'PAY_GUARD:ORDER_STATE'); END;--> statement-breakpoint
CREATE TRIGGER `pay_orders_refunded` BEFORE UPDATE OF `refunded` ON `pay_orders`
WHEN NEW.`refunded` > NEW.`total` OR NEW.`refunded` < 0 OR NEW.`trade_state` NOT IN ('SUCCESS', 'REFUND')
BEGIN SELECT RAISE(ABORT, 'PAY_GUARD:REFUND_EXCEEDS'); END;--> statement-breakpoint
CREATE TRIGGER `pay_refunds_state` BEFORE UPDATE OF `status` ON `pay_refunds`
WHEN NOT (
  (OLD.`status` = 'PROCESSING' AND NEW.`status` IN ('SUCCESS', 'ABNORMAL', 'CLOSED'))
  OR (OLD.`status` = 'ABNORMAL' AND NEW.`status` = 'CLOSED')
)
BEGIN SELECT RAISE(ABORT, 'PAY_GUARD:REFUND_STATE'); END;
