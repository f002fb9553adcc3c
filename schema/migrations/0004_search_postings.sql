-- Field lengths of every search document in a covering index: the in-memory postings (src/search/postings.ts)
-- read them without the stored text. Same statement as in ftsSupportSql (src/search/fts.ts).
CREATE INDEX IF NOT EXISTS search_doc_lengths ON search_doc(id, len_title, len_authors, len_summary, len_findings, len_materials, len_morphology, len_conditions, len_text);
--> statement-breakpoint
-- A change count: each search document written or deleted adds one, so a process holding cached postings
-- sees writes made by another process or connection (src/search/fts.ts, searchStats).
ALTER TABLE search_stats ADD COLUMN changes INTEGER NOT NULL DEFAULT 0;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS search_doc_changes_ai AFTER INSERT ON search_doc BEGIN UPDATE search_stats SET changes = changes + 1 WHERE id = 1; END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS search_doc_changes_ad AFTER DELETE ON search_doc BEGIN UPDATE search_stats SET changes = changes + 1 WHERE id = 1; END;
