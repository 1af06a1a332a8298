-- The web console: coordinators' accounts, their sessions, and sign-in failures (slowing guesses).

-- A network coordinator sees every centre; a centre coordinator only `centre_id`.
CREATE TABLE account (
    name            TEXT PRIMARY KEY,
    role            TEXT NOT NULL CHECK (role IN ('network', 'centre')),
    centre_id       TEXT REFERENCES centre (id),
    -- Argon2id, in the PHC string format.
    passphrase_hash TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    CHECK ((role = 'centre') = (centre_id IS NOT NULL))
) STRICT;

-- Signed-in browsers: only the hash of the cookie's token is kept, with the session's CSRF token.
CREATE TABLE console_session (
    token_hash TEXT PRIMARY KEY,
    account    TEXT NOT NULL REFERENCES account (name),
    csrf       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
) STRICT;

-- Consecutive failed sign-ins by the name typed (an account or not), and until when the next
-- attempt is refused unread.
CREATE TABLE sign_in_failure (
    name          TEXT PRIMARY KEY,
    failures      INTEGER NOT NULL,
    blocked_until TEXT NOT NULL
) STRICT;
