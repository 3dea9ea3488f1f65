-- Schema version 2: the delivery outbox. A payload is written in the same transaction as the
-- run that produced it; (destination_id, period) makes delivery exactly-once per period.

CREATE TABLE outbox (
  id {{ID}},
  destination_id TEXT NOT NULL,
  period TEXT NOT NULL,
  run_id BIGINT REFERENCES runs (id),
  payload TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at BIGINT NOT NULL,
  last_error TEXT,
  created_at BIGINT NOT NULL,
  delivered_at BIGINT,
  UNIQUE (destination_id, period)
);

CREATE INDEX outbox_due ON outbox (state, next_attempt_at);
