-- The web console: coordinators' accounts, their sessions, and sign-in failures (slowing guesses).
-- Same tables and meaning as the SQLite backend (migrations/sqlite/0003_console.sql).

CREATE TABLE account (
    name            TEXT PRIMARY KEY,
    role            TEXT NOT NULL CHECK (role IN ('network', 'centre')),
    centre_id       TEXT REFERENCES centre (id),
    passphrase_hash TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    CHECK ((role = 'centre') = (centre_id IS NOT NULL))
);

CREATE TABLE console_session (
    token_hash TEXT PRIMARY KEY,
    account    TEXT NOT NULL REFERENCES account (name),
    csrf       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);

CREATE TABLE sign_in_failure (
    name          TEXT PRIMARY KEY,
    failures      INTEGER NOT NULL,
    blocked_until TEXT NOT NULL
);
