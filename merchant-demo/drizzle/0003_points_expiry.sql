ALTER TABLE `points_ledger` ADD `expires_at` text;--> statement-breakpoint
ALTER TABLE `points_ledger` ADD `expired_at` text;