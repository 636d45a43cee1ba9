-- Document flows (Decree 30/2020/NĐ-CP): registers (sổ) and their numbering, routing of
-- incoming documents, review and approval of outgoing ones, signatures, deliveries to internal
-- recipients, records (hồ sơ), edXML interchange messages and reminder bookkeeping.
-- See docs/documents.md and the SQLite twin of this file for what each column means.

CREATE TABLE registers (
  id BIGINT PRIMARY KEY AUTO_INCREMENT,
  unit_id BIGINT NOT NULL,
  kind VARCHAR(16) NOT NULL,
  series VARCHAR(16) NOT NULL,
  name VARCHAR(255) NOT NULL,
  created_at BIGINT NOT NULL,
  UNIQUE KEY registers_unit_kind (unit_id, kind, series),
  FOREIGN KEY (unit_id) REFERENCES org_units(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE register_counters (
  register_id BIGINT NOT NULL,
  year INT NOT NULL,
  last_number INT NOT NULL,
  PRIMARY KEY (register_id, year),
  FOREIGN KEY (register_id) REFERENCES registers(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE register_entries (
  id BIGINT PRIMARY KEY AUTO_INCREMENT,
  register_id BIGINT NOT NULL,
  year INT NOT NULL,
  number INT NOT NULL,
  document_id BIGINT NOT NULL,
  entry_date CHAR(10) NOT NULL,
  created_by BIGINT NULL,
  created_at BIGINT NOT NULL,
  UNIQUE KEY register_entries_number (register_id, year, number),
  UNIQUE KEY register_entries_doc (register_id, document_id),
  INDEX register_entries_date (register_id, entry_date),
  FOREIGN KEY (register_id) REFERENCES registers(id),
  FOREIGN KEY (document_id) REFERENCES documents(id),
  FOREIGN KEY (created_by) REFERENCES users(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

ALTER TABLE documents
  ADD COLUMN register_id BIGINT NULL,
  ADD COLUMN presented_to BIGINT NULL,
  ADD COLUMN approver_id BIGINT NULL,
  ADD COLUMN directive TEXT NULL,
  ADD COLUMN completed_at BIGINT NULL,
  ADD COLUMN result TEXT NULL,
  ADD COLUMN reply_document_id BIGINT NULL,
  ADD COLUMN issue_form VARCHAR(16) NULL,
  ADD COLUMN revoked_at BIGINT NULL,
  ADD COLUMN revoked_by BIGINT NULL,
  ADD COLUMN revoke_reason TEXT NULL,
  ADD COLUMN place VARCHAR(255) NULL,
  ADD COLUMN interchange_status VARCHAR(8) NULL,
  ADD INDEX documents_direction_status (direction, status),
  ADD INDEX documents_due (due_date),
  ADD FOREIGN KEY (register_id) REFERENCES registers(id),
  ADD FOREIGN KEY (presented_to) REFERENCES users(id),
  ADD FOREIGN KEY (approver_id) REFERENCES users(id),
  ADD FOREIGN KEY (reply_document_id) REFERENCES documents(id),
  ADD FOREIGN KEY (revoked_by) REFERENCES users(id);

CREATE TABLE document_assignments (
  id BIGINT PRIMARY KEY AUTO_INCREMENT,
  document_id BIGINT NOT NULL,
  user_id BIGINT NOT NULL,
  role VARCHAR(16) NOT NULL,
  deadline CHAR(10) NULL,
  status VARCHAR(16) NOT NULL,
  assigned_by BIGINT NULL,
  assigned_at BIGINT NOT NULL,
  completed_at BIGINT NULL,
  INDEX document_assignments_doc (document_id),
  INDEX document_assignments_user (user_id, status),
  FOREIGN KEY (document_id) REFERENCES documents(id),
  FOREIGN KEY (user_id) REFERENCES users(id),
  FOREIGN KEY (assigned_by) REFERENCES users(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE document_notes (
  id BIGINT PRIMARY KEY AUTO_INCREMENT,
  document_id BIGINT NOT NULL,
  kind VARCHAR(16) NOT NULL,
  version_id BIGINT NULL,
  author_id BIGINT NULL,
  text TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  INDEX document_notes_doc (document_id),
  FOREIGN KEY (document_id) REFERENCES documents(id),
  FOREIGN KEY (version_id) REFERENCES document_versions(id),
  FOREIGN KEY (author_id) REFERENCES users(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE document_deliveries (
  id BIGINT PRIMARY KEY AUTO_INCREMENT,
  document_id BIGINT NOT NULL,
  unit_id BIGINT NULL,
  user_id BIGINT NULL,
  delivered_at BIGINT NOT NULL,
  read_at BIGINT NULL,
  read_by BIGINT NULL,
  INDEX document_deliveries_doc (document_id),
  INDEX document_deliveries_user (user_id),
  INDEX document_deliveries_unit (unit_id),
  FOREIGN KEY (document_id) REFERENCES documents(id),
  FOREIGN KEY (unit_id) REFERENCES org_units(id),
  FOREIGN KEY (user_id) REFERENCES users(id),
  FOREIGN KEY (read_by) REFERENCES users(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE document_signatures (
  id BIGINT PRIMARY KEY AUTO_INCREMENT,
  document_id BIGINT NOT NULL,
  version_id BIGINT NOT NULL,
  role VARCHAR(16) NOT NULL,
  signer_id BIGINT NULL,
  signer_name VARCHAR(255) NOT NULL,
  method VARCHAR(16) NOT NULL,
  signed_at BIGINT NOT NULL,
  INDEX document_signatures_doc (document_id),
  FOREIGN KEY (document_id) REFERENCES documents(id),
  FOREIGN KEY (version_id) REFERENCES document_versions(id),
  FOREIGN KEY (signer_id) REFERENCES users(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE signing_sessions (
  id VARCHAR(64) PRIMARY KEY,
  document_id BIGINT NOT NULL,
  version_id BIGINT NOT NULL,
  user_id BIGINT NOT NULL,
  state LONGTEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  FOREIGN KEY (document_id) REFERENCES documents(id),
  FOREIGN KEY (version_id) REFERENCES document_versions(id),
  FOREIGN KEY (user_id) REFERENCES users(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE records (
  id BIGINT PRIMARY KEY AUTO_INCREMENT,
  code VARCHAR(64) NOT NULL UNIQUE,
  title VARCHAR(1000) NOT NULL,
  unit_id BIGINT NULL,
  retention_years INT NOT NULL,
  description TEXT NOT NULL,
  status VARCHAR(16) NOT NULL,
  created_by BIGINT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  FOREIGN KEY (unit_id) REFERENCES org_units(id),
  FOREIGN KEY (created_by) REFERENCES users(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE record_documents (
  record_id BIGINT NOT NULL,
  document_id BIGINT NOT NULL,
  added_by BIGINT NULL,
  added_at BIGINT NOT NULL,
  PRIMARY KEY (record_id, document_id),
  INDEX record_documents_doc (document_id),
  FOREIGN KEY (record_id) REFERENCES records(id),
  FOREIGN KEY (document_id) REFERENCES documents(id),
  FOREIGN KEY (added_by) REFERENCES users(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE interchange_messages (
  id BIGINT PRIMARY KEY AUTO_INCREMENT,
  document_id BIGINT NULL,
  direction VARCHAR(8) NOT NULL,
  kind VARCHAR(16) NOT NULL,
  status_code VARCHAR(8) NOT NULL DEFAULT '',
  peer_organ_id VARCHAR(191) NOT NULL DEFAULT '',
  edxml_document_id VARCHAR(512) NOT NULL DEFAULT '',
  description TEXT NOT NULL,
  created_by BIGINT NULL,
  created_at BIGINT NOT NULL,
  INDEX interchange_messages_doc (document_id),
  FOREIGN KEY (document_id) REFERENCES documents(id),
  FOREIGN KEY (created_by) REFERENCES users(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE reminders_sent (
  assignment_id BIGINT NOT NULL,
  kind VARCHAR(16) NOT NULL,
  sent_on CHAR(10) NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (assignment_id, kind, sent_on),
  FOREIGN KEY (assignment_id) REFERENCES document_assignments(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Versions are append-only: a signed version is never replaced, only superseded.
CREATE TRIGGER document_versions_no_update BEFORE UPDATE ON document_versions FOR EACH ROW
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'document versions are append-only';
CREATE TRIGGER document_versions_no_delete BEFORE DELETE ON document_versions FOR EACH ROW
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'document versions are append-only';
