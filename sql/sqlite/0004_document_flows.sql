-- Document flows (Decree 30/2020/NĐ-CP): registers (sổ) and their numbering, routing of
-- incoming documents, review and approval of outgoing ones, signatures, deliveries to internal
-- recipients, records (hồ sơ), edXML interchange messages and reminder bookkeeping.
-- See docs/documents.md for the states and who may do what.

-- One register per unit, direction and series; secret documents have their own series
-- (Decree 30 art. 15.2). Numbers are unique per register and year.
CREATE TABLE registers (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  unit_id INTEGER NOT NULL REFERENCES org_units(id),
  kind TEXT NOT NULL,                   -- incoming | outgoing
  series TEXT NOT NULL,                 -- normal | secret
  name TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  UNIQUE (unit_id, kind, series)
);

-- The last number given per register and year. Numbering locks the register row first
-- (SELECT … FOR UPDATE; SQLite's write lock), so two requests never read the same value.
CREATE TABLE register_counters (
  register_id INTEGER NOT NULL REFERENCES registers(id),
  year INTEGER NOT NULL,
  last_number INTEGER NOT NULL,
  PRIMARY KEY (register_id, year)
);

-- One line of the paper register: the number a document got, and when.
CREATE TABLE register_entries (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  register_id INTEGER NOT NULL REFERENCES registers(id),
  year INTEGER NOT NULL,
  number INTEGER NOT NULL,
  document_id INTEGER NOT NULL REFERENCES documents(id),
  entry_date TEXT NOT NULL,             -- YYYY-MM-DD, Vietnam time: ngày đến or ngày ban hành
  created_by INTEGER REFERENCES users(id),
  created_at INTEGER NOT NULL,
  UNIQUE (register_id, year, number),
  UNIQUE (register_id, document_id)
);
CREATE INDEX register_entries_date ON register_entries(register_id, entry_date);

-- Flow state kept on the document itself (all nullable: other writers need not know them).
ALTER TABLE documents ADD COLUMN register_id INTEGER REFERENCES registers(id);
ALTER TABLE documents ADD COLUMN presented_to INTEGER REFERENCES users(id);
ALTER TABLE documents ADD COLUMN approver_id INTEGER REFERENCES users(id);
ALTER TABLE documents ADD COLUMN directive TEXT;          -- latest ý kiến chỉ đạo
ALTER TABLE documents ADD COLUMN completed_at INTEGER;    -- incoming: handling finished
ALTER TABLE documents ADD COLUMN result TEXT;             -- incoming: the result recorded
ALTER TABLE documents ADD COLUMN reply_document_id INTEGER REFERENCES documents(id);
ALTER TABLE documents ADD COLUMN issue_form TEXT;         -- outgoing: electronic | paper
ALTER TABLE documents ADD COLUMN revoked_at INTEGER;
ALTER TABLE documents ADD COLUMN revoked_by INTEGER REFERENCES users(id);
ALTER TABLE documents ADD COLUMN revoke_reason TEXT;
ALTER TABLE documents ADD COLUMN place TEXT;              -- địa danh, e.g. "Bắc An"
ALTER TABLE documents ADD COLUMN interchange_status TEXT; -- last edXML status code, e.g. "03"
CREATE INDEX documents_direction_status ON documents(direction, status);
CREATE INDEX documents_due ON documents(due_date);

-- Handlers of an incoming document: one lead (chủ trì) and any co-handlers (phối hợp).
CREATE TABLE document_assignments (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  document_id INTEGER NOT NULL REFERENCES documents(id),
  user_id INTEGER NOT NULL REFERENCES users(id),
  role TEXT NOT NULL,                   -- lead | support
  deadline TEXT,                        -- YYYY-MM-DD
  status TEXT NOT NULL,                 -- open | done | cancelled
  assigned_by INTEGER REFERENCES users(id),
  assigned_at INTEGER NOT NULL,
  completed_at INTEGER
);
CREATE INDEX document_assignments_doc ON document_assignments(document_id);
CREATE INDEX document_assignments_user ON document_assignments(user_id, status);

-- Directives, review comments, progress reports, results, returns and revocations.
CREATE TABLE document_notes (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  document_id INTEGER NOT NULL REFERENCES documents(id),
  kind TEXT NOT NULL,
  version_id INTEGER REFERENCES document_versions(id),
  author_id INTEGER REFERENCES users(id),
  text TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX document_notes_doc ON document_notes(document_id);

-- An issued document in an internal recipient's inbox (a unit or one person).
CREATE TABLE document_deliveries (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  document_id INTEGER NOT NULL REFERENCES documents(id),
  unit_id INTEGER REFERENCES org_units(id),
  user_id INTEGER REFERENCES users(id),
  delivered_at INTEGER NOT NULL,
  read_at INTEGER,
  read_by INTEGER REFERENCES users(id)
);
CREATE INDEX document_deliveries_doc ON document_deliveries(document_id);
CREATE INDEX document_deliveries_user ON document_deliveries(user_id);
CREATE INDEX document_deliveries_unit ON document_deliveries(unit_id);

-- Signatures the flow applied; verification results are computed when read.
CREATE TABLE document_signatures (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  document_id INTEGER NOT NULL REFERENCES documents(id),
  version_id INTEGER NOT NULL REFERENCES document_versions(id),
  role TEXT NOT NULL,                   -- leader | organisation
  signer_id INTEGER REFERENCES users(id),
  signer_name TEXT NOT NULL,
  method TEXT NOT NULL,                 -- server | token
  signed_at INTEGER NOT NULL
);
CREATE INDEX document_signatures_doc ON document_signatures(document_id);

-- Two-phase signing with a USB token in the browser: what phase one prepared.
CREATE TABLE signing_sessions (
  id TEXT PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id),
  version_id INTEGER NOT NULL REFERENCES document_versions(id),
  user_id INTEGER NOT NULL REFERENCES users(id),
  state TEXT NOT NULL,                  -- opaque, from the DocumentSigner
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);

-- Records (hồ sơ): documents grouped under a code, with a retention period.
CREATE TABLE records (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  code TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  unit_id INTEGER REFERENCES org_units(id),
  retention_years INTEGER NOT NULL,     -- 0: permanent (vĩnh viễn)
  description TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL,                 -- open | closed
  created_by INTEGER REFERENCES users(id),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);

CREATE TABLE record_documents (
  record_id INTEGER NOT NULL REFERENCES records(id),
  document_id INTEGER NOT NULL REFERENCES documents(id),
  added_by INTEGER REFERENCES users(id),
  added_at INTEGER NOT NULL,
  PRIMARY KEY (record_id, document_id)
);
CREATE INDEX record_documents_doc ON record_documents(document_id);

-- edXML (QCVN 102:2016/BTTTT) envelopes and status messages sent and received.
CREATE TABLE interchange_messages (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  document_id INTEGER REFERENCES documents(id),
  direction TEXT NOT NULL,              -- in | out
  kind TEXT NOT NULL,                   -- document | status
  status_code TEXT NOT NULL DEFAULT '', -- 01 … 16 for status messages
  peer_organ_id TEXT NOT NULL DEFAULT '',
  edxml_document_id TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL DEFAULT '',
  created_by INTEGER REFERENCES users(id),
  created_at INTEGER NOT NULL
);
CREATE INDEX interchange_messages_doc ON interchange_messages(document_id);

-- Reminders already sent, so that several servers and restarts never send one twice.
CREATE TABLE reminders_sent (
  assignment_id INTEGER NOT NULL REFERENCES document_assignments(id),
  kind TEXT NOT NULL,                   -- near | overdue
  sent_on TEXT NOT NULL,                -- YYYY-MM-DD
  created_at INTEGER NOT NULL,
  PRIMARY KEY (assignment_id, kind, sent_on)
);

-- Versions are append-only: a signed version is never replaced, only superseded.
CREATE TRIGGER document_versions_no_update BEFORE UPDATE ON document_versions
BEGIN SELECT RAISE(ABORT, 'document versions are append-only'); END;
CREATE TRIGGER document_versions_no_delete BEFORE DELETE ON document_versions
BEGIN SELECT RAISE(ABORT, 'document versions are append-only'); END;
