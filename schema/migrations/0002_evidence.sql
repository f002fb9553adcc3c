CREATE TABLE `evidence` (
	`experiment_id` text PRIMARY KEY NOT NULL,
	`study_id` text NOT NULL,
	`item` text NOT NULL,
	FOREIGN KEY (`experiment_id`) REFERENCES `experiments`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`study_id`) REFERENCES `studies`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `evidence_study_idx` ON `evidence` (`study_id`);