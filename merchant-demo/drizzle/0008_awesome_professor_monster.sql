CREATE TABLE `wecom_kf_sessions` (
	`external_userid` text PRIMARY KEY NOT NULL,
	`open_kfid` text NOT NULL,
	`order_id` text,
	`entered_at` text NOT NULL
);
