-- Schema version 1: the history. Timestamps are UTC milliseconds since the epoch (BIGINT),
-- which both SQLite and PostgreSQL store and compare exactly.
-- {{ID}} is the dialect's auto-increment primary key (see core/store/SqlDialect.cpp).
-- One statement per `;` at the end of a line.

CREATE TABLE metrics (
  id {{ID}},
  key TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL
);

CREATE TABLE runs (
  id {{ID}},
  started_at BIGINT NOT NULL,
  finished_at BIGINT,
  status TEXT NOT NULL CHECK (status IN ('running', 'ok', 'partial', 'failed', 'canceled')),
  trigger TEXT NOT NULL,
  source_count INTEGER NOT NULL DEFAULT 0,
  failed_count INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE samples (
  id {{ID}},
  metric_id BIGINT NOT NULL REFERENCES metrics (id),
  ts BIGINT NOT NULL,
  value DOUBLE PRECISION NOT NULL,
  run_id BIGINT REFERENCES runs (id),
  source_id TEXT,
  origin TEXT NOT NULL CHECK (origin IN ('collected', 'manual', 'imported', 'backfilled', 'reextracted'))
);

CREATE INDEX samples_metric_ts ON samples (metric_id, ts);

-- Only collected samples belong to a run; manual and imported ones need no entry.
CREATE INDEX samples_run ON samples (run_id) WHERE run_id IS NOT NULL;

CREATE TABLE run_events (
  id {{ID}},
  run_id BIGINT NOT NULL REFERENCES runs (id),
  ts BIGINT NOT NULL,
  source_id TEXT,
  metric_key TEXT,
  level TEXT NOT NULL CHECK (level IN ('info', 'warning', 'error')),
  step TEXT NOT NULL,
  http_status INTEGER,
  duration_ms BIGINT,
  message TEXT NOT NULL
);

CREATE INDEX run_events_run ON run_events (run_id);
