-- 0001: the tables behind PostgresStorage (bot/storage/postgres.py).
--
-- Documents are stored as `json`, not `jsonb`: `json` keeps the text as written and accepts
-- every JSON string escape, including \u0000 and lone surrogates, which `jsonb` refuses
-- and which the storage contract requires to round-trip. Operators can still query with
-- `doc::jsonb` on rows that convert.

-- One row per user: the whole user document (profile, check-ins, processed update ids).
CREATE TABLE users (
    key        text        PRIMARY KEY CHECK (key ~ '^[0-9a-f]{16,128}$'),
    doc        json        NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- FAQ votes per topic, counted by upsert; no user id.
CREATE TABLE feedback (
    topic       text   PRIMARY KEY,
    helpful     bigint NOT NULL DEFAULT 0 CHECK (helpful >= 0),
    not_helpful bigint NOT NULL DEFAULT 0 CHECK (not_helpful >= 0)
);

-- Unmatched questions for content editors, oldest first by id; trimmed to a cap on insert.
CREATE TABLE content_gaps (
    id  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    gap json   NOT NULL
);

-- Append-only audit trail; `day` (UTC) lets retention delete whole days.
CREATE TABLE audit (
    id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    day   date   NOT NULL,
    event json   NOT NULL
);
CREATE INDEX audit_day ON audit (day);

-- Telegram update ids seen by any process (dedupe across processes); pruned after 48 h.
CREATE TABLE processed_updates (
    update_id bigint      PRIMARY KEY,
    at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX processed_updates_at ON processed_updates (at);

-- One row per reminder claimed by some process: the primary key makes a second claim of
-- the same user and local date fail, so N processes send each reminder once.
CREATE TABLE reminder_claims (
    key        text        NOT NULL,
    local_date date        NOT NULL,
    claimed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (key, local_date)
);
CREATE INDEX reminder_claims_local_date ON reminder_claims (local_date);
