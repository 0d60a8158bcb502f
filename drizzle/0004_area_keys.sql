-- Figures are kept per area key: a unit's region id, `district:<GSO code>` (a former district) or
-- `province`. The rollups keep their rows under the new column name; they follow definition 1 and are
-- rebuilt under the current one in the background at start-up.
ALTER TABLE `reach_firsts` RENAME COLUMN `region_id` TO `area`;--> statement-breakpoint
ALTER TABLE `reach_monthly` RENAME COLUMN `region_id` TO `area`;--> statement-breakpoint
-- Baselines are per area key too (a province or former-district figure has no region row).
CREATE TABLE `__new_baselines` (
	`area` text NOT NULL,
	`year` integer NOT NULL,
	`internet_users` integer NOT NULL,
	`source` text NOT NULL,
	`is_demo` integer DEFAULT false NOT NULL,
	`entered_by` text,
	`entered_at` integer NOT NULL,
	PRIMARY KEY(`area`, `year`),
	FOREIGN KEY (`entered_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
INSERT INTO `__new_baselines`("area", "year", "internet_users", "source", "is_demo", "entered_by", "entered_at") SELECT "region_id", "year", "internet_users", "source", "is_demo", "entered_by", "entered_at" FROM `baselines`;--> statement-breakpoint
DROP TABLE `baselines`;--> statement-breakpoint
ALTER TABLE `__new_baselines` RENAME TO `baselines`;--> statement-breakpoint
-- An analyst's (or an invitation's) district becomes a scope: that former district, all its communes.
CREATE TABLE `__new_invites` (
	`id` text PRIMARY KEY NOT NULL,
	`role` text NOT NULL,
	`organization_id` text,
	`scope` text,
	`created_by` text,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	`used_by` text,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`used_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
INSERT INTO `__new_invites`("id", "role", "organization_id", "scope", "created_by", "created_at", "expires_at", "used_at", "used_by")
	SELECT i."id", i."role", i."organization_id", CASE WHEN i."region_id" IS NULL THEN NULL ELSE 'district:' || coalesce(nullif(r."district_code", ''), r."code") END,
		i."created_by", i."created_at", i."expires_at", i."used_at", i."used_by"
	FROM `invites` i LEFT JOIN `regions` r ON r."id" = i."region_id";--> statement-breakpoint
DROP TABLE `invites`;--> statement-breakpoint
ALTER TABLE `__new_invites` RENAME TO `invites`;--> statement-breakpoint
CREATE TABLE `__new_users` (
	`id` text PRIMARY KEY NOT NULL,
	`username` text NOT NULL,
	`password_hash` text NOT NULL,
	`role` text DEFAULT 'learner' NOT NULL,
	`organization_id` text,
	`scope` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_users`("id", "username", "password_hash", "role", "organization_id", "scope", "created_at")
	SELECT u."id", u."username", u."password_hash", u."role", u."organization_id", CASE WHEN u."region_id" IS NULL THEN NULL ELSE 'district:' || coalesce(nullif(r."district_code", ''), r."code") END, u."created_at"
	FROM `users` u LEFT JOIN `regions` r ON r."id" = u."region_id";--> statement-breakpoint
DROP TABLE `users`;--> statement-breakpoint
ALTER TABLE `__new_users` RENAME TO `users`;--> statement-breakpoint
CREATE UNIQUE INDEX `users_username` ON `users` (`username`);
