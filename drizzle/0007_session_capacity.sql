ALTER TABLE `in_person_sessions` ADD `capacity` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Hand-added before this migration landed: sessions recorded before capacity was asked get the larger of
-- their typed head count and their check-ins, or 100 (a commune hall) when they have neither.
UPDATE `in_person_sessions` SET `capacity` = max(
	coalesce(`self_reported`, 0),
	(SELECT count(*) FROM `checkins` WHERE `checkins`.`session_id` = `in_person_sessions`.`id`)
) WHERE `capacity` = 0;--> statement-breakpoint
UPDATE `in_person_sessions` SET `capacity` = 100 WHERE `capacity` = 0;
