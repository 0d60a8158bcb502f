ALTER TABLE `rollup_state` ADD `definition_version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `rollup_state` ADD `rebuild_version` integer;--> statement-breakpoint
ALTER TABLE `rollup_state` ADD `rebuild_after` text;