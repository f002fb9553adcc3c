CREATE TABLE `experiment_terms` (
	`kind` text NOT NULL,
	`value` text NOT NULL,
	`experiment_id` text NOT NULL,
	PRIMARY KEY(`kind`, `value`, `experiment_id`),
	FOREIGN KEY (`experiment_id`) REFERENCES `experiments`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `experiment_terms_experiment_idx` ON `experiment_terms` (`experiment_id`);--> statement-breakpoint
-- Existing experiments: their terms from the JSON columns and observations (what studyRows writes for new ones).
INSERT OR IGNORE INTO `experiment_terms` (`kind`, `value`, `experiment_id`) SELECT 'additive', j.value, e.id FROM `experiments` e, json_each(e.additives) j;
--> statement-breakpoint
INSERT OR IGNORE INTO `experiment_terms` (`kind`, `value`, `experiment_id`) SELECT 'salt', j.value, e.id FROM `experiments` e, json_each(e.salts) j;
--> statement-breakpoint
INSERT OR IGNORE INTO `experiment_terms` (`kind`, `value`, `experiment_id`) SELECT 'solvent', j.value, e.id FROM `experiments` e, json_each(e.solvents) j;
--> statement-breakpoint
INSERT OR IGNORE INTO `experiment_terms` (`kind`, `value`, `experiment_id`) SELECT 'coating', j.value, e.id FROM `experiments` e, json_each(e.coatings) j;
--> statement-breakpoint
INSERT OR IGNORE INTO `experiment_terms` (`kind`, `value`, `experiment_id`) SELECT 'morphology-family', j.value, e.id FROM `experiments` e, json_each(e.morphology_families) j;
--> statement-breakpoint
INSERT OR IGNORE INTO `experiment_terms` (`kind`, `value`, `experiment_id`) SELECT 'morphology-term', j.value, o.experiment_id FROM `observations` o, json_each(o.morphology) j;
