CREATE TABLE `experiments` (
	`id` text PRIMARY KEY NOT NULL,
	`study_id` text NOT NULL,
	`ordinal` integer NOT NULL,
	`label` text NOT NULL,
	`technique_family` text NOT NULL,
	`technique_variant` text NOT NULL,
	`technique_mode` text NOT NULL,
	`cell_configuration` text NOT NULL,
	`electrolyte_kind` text NOT NULL,
	`electrolyte_class` text,
	`electrolyte_name` text NOT NULL,
	`salts` text NOT NULL,
	`solvents` text NOT NULL,
	`additives` text NOT NULL,
	`solid_electrolyte` text,
	`substrate` text,
	`coatings` text NOT NULL,
	`j_min_ma_cm2` real,
	`j_max_ma_cm2` real,
	`capacity_mah_cm2` real,
	`temperature_c` real,
	`stack_pressure_pa` real,
	`morphology_families` text NOT NULL,
	`doc` text NOT NULL,
	FOREIGN KEY (`study_id`) REFERENCES `studies`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `experiments_study_idx` ON `experiments` (`study_id`);--> statement-breakpoint
CREATE INDEX `experiments_technique_idx` ON `experiments` (`technique_family`);--> statement-breakpoint
CREATE INDEX `experiments_j_idx` ON `experiments` (`j_min_ma_cm2`,`j_max_ma_cm2`);--> statement-breakpoint
CREATE INDEX `experiments_class_idx` ON `experiments` (`electrolyte_class`);--> statement-breakpoint
CREATE INDEX `experiments_substrate_idx` ON `experiments` (`substrate`);--> statement-breakpoint
CREATE TABLE `meta` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `observations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`experiment_id` text NOT NULL,
	`ordinal` integer NOT NULL,
	`phase` text NOT NULL,
	`morphology` text NOT NULL,
	`families` text NOT NULL,
	`dead_li` integer,
	`short_circuit` integer,
	`ce_percent` real,
	`summary` text NOT NULL,
	`doc` text NOT NULL,
	FOREIGN KEY (`experiment_id`) REFERENCES `experiments`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `observations_experiment_idx` ON `observations` (`experiment_id`);--> statement-breakpoint
CREATE TABLE `quantities` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`study_id` text NOT NULL,
	`pointer` text NOT NULL,
	`field` text NOT NULL,
	`reported` text NOT NULL,
	`kind` text NOT NULL,
	`unit` text NOT NULL,
	`value_min` real NOT NULL,
	`value_max` real NOT NULL,
	`values` text NOT NULL,
	FOREIGN KEY (`study_id`) REFERENCES `studies`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `quantities_study_idx` ON `quantities` (`study_id`);--> statement-breakpoint
CREATE INDEX `quantities_kind_idx` ON `quantities` (`kind`,`value_min`);--> statement-breakpoint
CREATE TABLE `studies` (
	`id` text PRIMARY KEY NOT NULL,
	`origin` text NOT NULL,
	`role` text NOT NULL,
	`year` integer NOT NULL,
	`title` text NOT NULL,
	`authors` text NOT NULL,
	`journal` text NOT NULL,
	`doi` text NOT NULL,
	`refs` text NOT NULL,
	`techniques` text NOT NULL,
	`summary` text NOT NULL,
	`doc` text NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	CONSTRAINT "studies_origin_chk" CHECK("studies"."origin" in ('seed','user')),
	CONSTRAINT "studies_role_chk" CHECK("studies"."role" in ('primary','context','review'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `studies_doi_uq` ON `studies` (lower("doi"));--> statement-breakpoint
CREATE INDEX `studies_year_idx` ON `studies` (`year`);--> statement-breakpoint
CREATE TABLE `vocabulary` (
	`kind` text NOT NULL,
	`id` text NOT NULL,
	`name` text NOT NULL,
	`doc` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `vocabulary_pk` ON `vocabulary` (`kind`,`id`);