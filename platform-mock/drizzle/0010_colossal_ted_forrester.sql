ALTER TABLE `apps` ADD `name_zh` text;--> statement-breakpoint
ALTER TABLE `wecom_staff` ADD `name_zh` text;