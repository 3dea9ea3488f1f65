-- Schema version 4: what the delivery worker needs of the outbox (0002), and the run log's
-- destination. A row being sent carries a lease instead of a state of its own: 0002's CHECK
-- would need a table rebuild to learn a new state, and a lease also frees the row of a
-- process that died while sending, once it runs out.

-- The process sending the row, and until when the row is its own (UTC ms).
ALTER TABLE outbox ADD COLUMN lease_owner TEXT;
ALTER TABLE outbox ADD COLUMN lease_until BIGINT;
-- How many parts of a multi-part delivery the service confirmed: a restart resumes after them.
ALTER TABLE outbox ADD COLUMN parts_done INTEGER NOT NULL DEFAULT 0;
-- When the period begins (UTC ms): rows of one destination are sent in this order.
ALTER TABLE outbox ADD COLUMN period_start BIGINT NOT NULL DEFAULT 0;

CREATE INDEX outbox_destination ON outbox (destination_id, state, period_start);

-- Run log lines about a delivery name their destination.
ALTER TABLE run_events ADD COLUMN destination_id TEXT;
