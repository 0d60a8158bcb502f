CREATE TABLE `published_rates` (
	`key` text PRIMARY KEY NOT NULL,
	`value` integer,
	`people` integer NOT NULL,
	`at` integer NOT NULL
);
