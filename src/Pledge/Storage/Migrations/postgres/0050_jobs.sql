-- Background work shared by every instance of the server against this store.
-- job_schedule: one row per scheduled job; an instance runs a due job only after taking its lease with one
-- conditional UPDATE, so a due run happens once however many instances look. A dead owner's lease expires.
CREATE TABLE job_schedule (
    job              text PRIMARY KEY,
    schedule         text NOT NULL,              -- the schedule next_due_at was computed from; a change recomputes it
    next_due_at      bigint NOT NULL,            -- microseconds since the Unix epoch, UTC
    owner            text,                       -- the instance running it now, with its lease
    lease_expires_at bigint,
    runs             bigint NOT NULL DEFAULT 0,
    last_started_at  bigint,
    last_finished_at bigint,
    last_outcome     text,                       -- ok | failed
    last_detail      text                        -- counts, or the failure (never a subject's data)
);

-- email_outbox: messages enqueued in the transaction of the change that causes them, sent by a worker with
-- retries and exponential backoff. A message is claimed under a lease before it is sent, so two instances never
-- send it at once. The body is cleared once sent: it may hold a one-time code.
CREATE TABLE email_outbox (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    to_address      text NOT NULL,
    subject         text NOT NULL,
    body            text,
    reason          text NOT NULL,               -- what caused it, e.g. request.code, request.reminder
    enqueued_at     bigint NOT NULL,
    status          text NOT NULL,               -- pending | sent | failed
    attempts        integer NOT NULL DEFAULT 0,
    next_attempt_at bigint NOT NULL,
    claimed_by      text,
    claimed_until   bigint,
    last_error      text,
    sent_at         bigint
);
CREATE INDEX email_outbox_due ON email_outbox (next_attempt_at) WHERE status = 'pending';

-- request_reminders: one row per request, deadline state (due_soon, overdue) and due date once its reminder was
-- enqueued; the primary key makes "once per request per state" hold across instances, and an extended deadline
-- (a new due date) is reminded of again.
CREATE TABLE request_reminders (
    request_id  bigint NOT NULL REFERENCES requests (id),
    state       text NOT NULL,
    due_at      bigint NOT NULL,
    enqueued_at bigint NOT NULL,
    message_id  bigint REFERENCES email_outbox (id),
    PRIMARY KEY (request_id, state, due_at)
);
