-- 0002: check-ins out of the user document, into their own table (bot/storage/postgres.py).
--
-- Every update rewrote the whole document with every check-in in it; now `users.doc` is the
-- small state (with a summary of the history in "history": count, last_at, last_local_date)
-- and each check-in is one row of `history`, in `seq` order per user. Documents stored before
-- are moved by bot/storage/pg_layout.py when an engine opens the database (in Python: the
-- server's JSON functions refuse some text that `json` columns store, such as a lone
-- surrogate), batch by batch, each verified before it commits; `layout` records when the
-- move is complete.

CREATE TABLE history (
    key text   NOT NULL CHECK (key ~ '^[0-9a-f]{16,128}$'),
    id  text   NOT NULL,
    seq bigint GENERATED ALWAYS AS IDENTITY,
    rec json   NOT NULL,
    PRIMARY KEY (key, id)
);
CREATE INDEX history_key_seq ON history (key, seq);

CREATE TABLE layout (
    name    text        PRIMARY KEY,
    done_at timestamptz NOT NULL DEFAULT now()
);
