ALTER TABLE `region_sets` ADD `level` text DEFAULT 'district' NOT NULL;--> statement-breakpoint
ALTER TABLE `region_sets` ADD `former_set` text;--> statement-breakpoint
ALTER TABLE `region_sets` ADD `effective` text;--> statement-breakpoint
ALTER TABLE `region_sets` ADD `provinces` text;--> statement-breakpoint
ALTER TABLE `regions` ADD `kind` text;--> statement-breakpoint
ALTER TABLE `regions` ADD `district_code` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `regions` ADD `province_code` text;--> statement-breakpoint
ALTER TABLE `regions` ADD `former_shares` text;--> statement-breakpoint
-- Units loaded before this migration are district-level: each is its own former district.
UPDATE `regions` SET `district_code` = `code`;
