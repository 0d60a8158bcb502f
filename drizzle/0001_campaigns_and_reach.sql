CREATE TABLE `baselines` (
	`region_id` text NOT NULL,
	`year` integer NOT NULL,
	`internet_users` integer NOT NULL,
	`source` text NOT NULL,
	`is_demo` integer DEFAULT false NOT NULL,
	`entered_by` text,
	`entered_at` integer NOT NULL,
	PRIMARY KEY(`region_id`, `year`),
	FOREIGN KEY (`region_id`) REFERENCES `regions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`entered_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TABLE `campaign_courses` (
	`campaign_id` text NOT NULL,
	`course_slug` text NOT NULL,
	`position` integer NOT NULL,
	PRIMARY KEY(`campaign_id`, `course_slug`),
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `campaign_members` (
	`campaign_id` text NOT NULL,
	`learner_id` text NOT NULL,
	`joined_at` integer NOT NULL,
	PRIMARY KEY(`campaign_id`, `learner_id`),
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`learner_id`) REFERENCES `learners`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `campaign_members_learner` ON `campaign_members` (`learner_id`);--> statement-breakpoint
CREATE TABLE `campaign_regions` (
	`campaign_id` text NOT NULL,
	`region_id` text NOT NULL,
	PRIMARY KEY(`campaign_id`, `region_id`),
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`region_id`) REFERENCES `regions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `campaigns` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`title` text NOT NULL,
	`join_code` text NOT NULL,
	`audience` text,
	`target_size` integer NOT NULL,
	`starts_on` text NOT NULL,
	`ends_on` text NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `campaigns_join_code` ON `campaigns` (`join_code`);--> statement-breakpoint
CREATE INDEX `campaigns_org` ON `campaigns` (`organization_id`);--> statement-breakpoint
CREATE TABLE `checkins` (
	`session_id` text NOT NULL,
	`learner_id` text NOT NULL,
	`region_id` text NOT NULL,
	`at` integer NOT NULL,
	PRIMARY KEY(`session_id`, `learner_id`),
	FOREIGN KEY (`session_id`) REFERENCES `in_person_sessions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`learner_id`) REFERENCES `learners`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`region_id`) REFERENCES `regions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `event_campaigns` (
	`event_id` text NOT NULL,
	`campaign_id` text NOT NULL,
	PRIMARY KEY(`event_id`, `campaign_id`),
	FOREIGN KEY (`event_id`) REFERENCES `learning_events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `event_campaigns_campaign` ON `event_campaigns` (`campaign_id`);--> statement-breakpoint
CREATE TABLE `in_person_sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`campaign_id` text,
	`held_on` text NOT NULL,
	`place` text NOT NULL,
	`region_id` text NOT NULL,
	`topic` text NOT NULL,
	`self_reported` integer,
	`checkin_code` text NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`region_id`) REFERENCES `regions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `in_person_sessions_checkin` ON `in_person_sessions` (`checkin_code`);--> statement-breakpoint
CREATE INDEX `in_person_sessions_org` ON `in_person_sessions` (`organization_id`);--> statement-breakpoint
CREATE TABLE `lesson_tags` (
	`course_slug` text NOT NULL,
	`lesson_slug` text NOT NULL,
	`audience` text NOT NULL,
	PRIMARY KEY(`course_slug`, `lesson_slug`, `audience`)
);
--> statement-breakpoint
CREATE TABLE `reach_firsts` (
	`learner_id` text NOT NULL,
	`region_id` text NOT NULL,
	`kind` text NOT NULL,
	`dim` text NOT NULL,
	`value` text NOT NULL,
	`first_day` text NOT NULL,
	PRIMARY KEY(`learner_id`, `region_id`, `kind`, `dim`, `value`)
);
--> statement-breakpoint
CREATE INDEX `reach_firsts_learner` ON `reach_firsts` (`learner_id`);--> statement-breakpoint
CREATE TABLE `reach_monthly` (
	`dim` text NOT NULL,
	`region_id` text NOT NULL,
	`kind` text NOT NULL,
	`value` text NOT NULL,
	`month` text NOT NULL,
	`learners` integer NOT NULL,
	PRIMARY KEY(`dim`, `region_id`, `kind`, `value`, `month`)
);
--> statement-breakpoint
CREATE TABLE `rollup_state` (
	`id` integer PRIMARY KEY NOT NULL,
	`last_rowid` integer NOT NULL
);
