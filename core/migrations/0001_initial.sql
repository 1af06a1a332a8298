-- Aiguillage device store, version 1. A released migration is never edited: add a new file.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

-- Drafts are local only: saved answer by answer, never in the operation log until completed.
CREATE TABLE draft (
    id            TEXT PRIMARY KEY,
    questionnaire TEXT NOT NULL,
    version       INTEGER NOT NULL,
    answers       TEXT NOT NULL,
    first_name    TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
) STRICT;

-- A completed diagnostic kept with the person's consent. The summary columns serve lists,
-- searches and reports without reading the JSON.
CREATE TABLE diagnostic (
    id                TEXT PRIMARY KEY,
    questionnaire     TEXT NOT NULL,
    version           INTEGER NOT NULL,
    started_at        TEXT NOT NULL,
    completed_at      TEXT NOT NULL,
    answers           TEXT NOT NULL,
    result            TEXT NOT NULL,
    profile           TEXT NOT NULL,
    needs             TEXT NOT NULL,
    flags             TEXT NOT NULL,
    consent_name      INTEGER NOT NULL,
    consent_sensitive INTEGER NOT NULL,
    first_name        TEXT,
    age_band          TEXT,
    commune           TEXT,
    follow_up         TEXT NOT NULL DEFAULT 'pending'
        CHECK (follow_up IN ('pending', 'went', 'did_not_go', 'unknown')),
    revision          INTEGER NOT NULL DEFAULT 1
) STRICT;
-- Covers the report and the date-range searches: they read this index, never the JSON columns.
CREATE INDEX diagnostic_by_completion ON diagnostic (completed_at, profile, needs, flags, follow_up);

-- When the person does not agree to keep the diagnostic: an anonymous count, nothing else.
CREATE TABLE anonymous_count (
    id            TEXT PRIMARY KEY,
    questionnaire TEXT NOT NULL,
    version       INTEGER NOT NULL,
    completed_on  TEXT NOT NULL,
    profile       TEXT NOT NULL,
    needs         TEXT NOT NULL
) STRICT;

-- The orientations chosen for a diagnostic, with a snapshot of the service as it was then.
CREATE TABLE orientation (
    diagnostic_id TEXT NOT NULL REFERENCES diagnostic (id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    need          TEXT NOT NULL,
    source        TEXT NOT NULL,
    service_id    TEXT NOT NULL,
    structure_id  TEXT NOT NULL,
    snapshot      TEXT NOT NULL,
    chosen_at     TEXT NOT NULL,
    PRIMARY KEY (diagnostic_id, position)
) STRICT;

-- The local directory, in the data·inclusion v1 model; `data` holds the validated row.
CREATE TABLE structure (
    source      TEXT NOT NULL,
    id          TEXT NOT NULL,
    nom         TEXT NOT NULL,
    code_insee  TEXT,
    data        TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    PRIMARY KEY (source, id)
) STRICT;

CREATE TABLE service (
    source       TEXT NOT NULL,
    id           TEXT NOT NULL,
    structure_id TEXT NOT NULL,
    nom          TEXT NOT NULL,
    type         TEXT,
    code_insee   TEXT,
    data         TEXT NOT NULL,
    imported_at  TEXT NOT NULL,
    PRIMARY KEY (source, id),
    FOREIGN KEY (source, structure_id) REFERENCES structure (source, id) ON DELETE CASCADE
) STRICT;

CREATE TABLE service_thematique (
    thematique TEXT NOT NULL,
    source     TEXT NOT NULL,
    service_id TEXT NOT NULL,
    PRIMARY KEY (thematique, source, service_id),
    FOREIGN KEY (source, service_id) REFERENCES service (source, id) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;
CREATE INDEX service_thematique_by_service ON service_thematique (source, service_id);

-- The operation log of spec/sync.md: every change to a synced entity appends one row here in the
-- same transaction. `seq` is gapless; `sent` turns 1 once the server has acknowledged it.
CREATE TABLE operation (
    seq          INTEGER PRIMARY KEY,
    op_id        TEXT NOT NULL UNIQUE,
    entity       TEXT NOT NULL,
    entity_id    TEXT NOT NULL,
    kind         TEXT NOT NULL,
    base_version INTEGER,
    body         TEXT NOT NULL,
    body_sha256  TEXT NOT NULL,
    recorded_at  TEXT NOT NULL,
    sent         INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX operation_by_entity ON operation (entity_id);
