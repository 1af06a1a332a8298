-- Questionnaire versions published by the server and received through sync. The embedded
-- version is always known; a newer one received here is used for new diagnostics, and each stored
-- diagnostic is read with the version it was answered with.
CREATE TABLE questionnaire (
    id          TEXT NOT NULL,
    version     INTEGER NOT NULL,
    body        TEXT NOT NULL,
    received_at TEXT NOT NULL,
    PRIMARY KEY (id, version)
) STRICT;
