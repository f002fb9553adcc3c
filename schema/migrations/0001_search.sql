-- Full-text search (SQLite FTS5): generated from src/search/fts.ts (ftsSchemaSql, ftsSupportSql).
CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(ref UNINDEXED, study_id UNINDEXED, kind UNINDEXED, title, authors, summary, findings, materials, morphology, conditions, text, tokenize = "unicode61 remove_diacritics 2 tokenchars '-.+/:%'");
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS search_doc (id INTEGER PRIMARY KEY, ref TEXT NOT NULL UNIQUE, study_id TEXT NOT NULL, doi TEXT NOT NULL, kind TEXT NOT NULL, fields TEXT NOT NULL, len_title INTEGER NOT NULL, len_authors INTEGER NOT NULL, len_summary INTEGER NOT NULL, len_findings INTEGER NOT NULL, len_materials INTEGER NOT NULL, len_morphology INTEGER NOT NULL, len_conditions INTEGER NOT NULL, len_text INTEGER NOT NULL);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS search_doc_study ON search_doc(study_id);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS search_stats (id INTEGER PRIMARY KEY CHECK (id = 1), docs INTEGER NOT NULL, len_title INTEGER NOT NULL, len_authors INTEGER NOT NULL, len_summary INTEGER NOT NULL, len_findings INTEGER NOT NULL, len_materials INTEGER NOT NULL, len_morphology INTEGER NOT NULL, len_conditions INTEGER NOT NULL, len_text INTEGER NOT NULL);
--> statement-breakpoint
INSERT OR IGNORE INTO search_stats (id, docs, len_title, len_authors, len_summary, len_findings, len_materials, len_morphology, len_conditions, len_text) VALUES (1, 0, 0, 0, 0, 0, 0, 0, 0, 0);
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS search_doc_ai AFTER INSERT ON search_doc BEGIN UPDATE search_stats SET docs = docs + 1, len_title = len_title + new.len_title, len_authors = len_authors + new.len_authors, len_summary = len_summary + new.len_summary, len_findings = len_findings + new.len_findings, len_materials = len_materials + new.len_materials, len_morphology = len_morphology + new.len_morphology, len_conditions = len_conditions + new.len_conditions, len_text = len_text + new.len_text WHERE id = 1; END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS search_doc_ad AFTER DELETE ON search_doc BEGIN UPDATE search_stats SET docs = docs - 1, len_title = len_title - old.len_title, len_authors = len_authors - old.len_authors, len_summary = len_summary - old.len_summary, len_findings = len_findings - old.len_findings, len_materials = len_materials - old.len_materials, len_morphology = len_morphology - old.len_morphology, len_conditions = len_conditions - old.len_conditions, len_text = len_text - old.len_text WHERE id = 1; END;
--> statement-breakpoint
CREATE VIRTUAL TABLE IF NOT EXISTS search_fts_vocab USING fts5vocab(search_fts, row);
--> statement-breakpoint
CREATE VIRTUAL TABLE IF NOT EXISTS search_fts_vocol USING fts5vocab(search_fts, col);
