CREATE TABLE `event_holds` (
	`event_id` text NOT NULL,
	`hold_id` text NOT NULL,
	PRIMARY KEY(`event_id`, `hold_id`),
	FOREIGN KEY (`event_id`) REFERENCES `learning_events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`hold_id`) REFERENCES `holds`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `event_holds_hold` ON `event_holds` (`hold_id`);--> statement-breakpoint
CREATE TABLE `holds` (
	`id` text PRIMARY KEY NOT NULL,
	`reason` text NOT NULL,
	`area` text NOT NULL,
	`bucket` text NOT NULL,
	`key` text NOT NULL,
	`status` text DEFAULT 'held' NOT NULL,
	`created_at` integer NOT NULL,
	`decided_by` text,
	`decided_at` integer,
	`note` text,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `holds_group` ON `holds` (`reason`,`area`,`bucket`,`key`);--> statement-breakpoint
CREATE INDEX `holds_status` ON `holds` (`status`);--> statement-breakpoint
CREATE TABLE `periods` (
	`year` integer PRIMARY KEY NOT NULL,
	`closed_at` integer NOT NULL,
	`closed_by` text,
	`last_rowid` integer NOT NULL,
	`issued` text NOT NULL,
	FOREIGN KEY (`closed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
ALTER TABLE `learners` ADD `hold_id` text;--> statement-breakpoint
ALTER TABLE `learners` ADD `vouched_at` integer;--> statement-breakpoint
CREATE INDEX `learners_region_created` ON `learners` (`region_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `learners_hold` ON `learners` (`hold_id`) WHERE "learners"."hold_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX `learners_vouched` ON `learners` (`vouched_at`) WHERE "learners"."vouched_at" IS NOT NULL;