-- Schema version 3: the scheduled slots that were claimed. Whoever inserts (job, slot) first
-- runs it: a daemon and a window on the same database never both collect the same slot,
-- and the latest claimed slot tells a restarted scheduler what it missed.

CREATE TABLE schedule_slots (
  job TEXT NOT NULL,
  slot BIGINT NOT NULL,
  claimed_at BIGINT NOT NULL,
  claimed_by TEXT NOT NULL,
  PRIMARY KEY (job, slot)
);
