-- Schema version 5: what repairs a history a broken selector spoiled (docs/history-repair.md).
-- A value outside its metric's plausibility bounds is kept, marked with the reason, and
-- never delivered; the raw responses let `reextract` run a corrected extraction again.
-- {{BLOB}} is the dialect's binary type (see core/store/SqlDialect.cpp).

-- NULL: plausible; else why the value is suspect ("below the minimum 1", ...).
ALTER TABLE samples ADD COLUMN suspect TEXT;

-- Each successful fetch's body as the server sent it (secrets it echoed scrubbed), qCompress'd.
-- The URL is the one shown in logs: without credentials. `page` orders the bodies of one
-- source in one run (a paginated source fetches several).
CREATE TABLE raw_responses (
  id {{ID}},
  run_id BIGINT NOT NULL REFERENCES runs (id),
  source_id TEXT NOT NULL,
  page INTEGER NOT NULL DEFAULT 0,
  fetched_at BIGINT NOT NULL,
  url TEXT NOT NULL,
  content_type TEXT,
  body_size BIGINT NOT NULL,
  stored_size BIGINT NOT NULL,
  body {{BLOB}} NOT NULL
);

CREATE INDEX raw_responses_source ON raw_responses (source_id, fetched_at);
CREATE INDEX raw_responses_fetched ON raw_responses (fetched_at);
