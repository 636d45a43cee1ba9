-- Documents (Decree 30/2020/NĐ-CP, appendix VI): metadata, versions and attachments, extracted
-- text per page, who may read them, and the durable queue that feeds the search index.
-- Registers, routing and records build on these tables in later migrations.

CREATE TABLE documents (
  id BIGINT PRIMARY KEY AUTO_INCREMENT,
  external_id VARCHAR(191) NULL UNIQUE,
  direction VARCHAR(16) NOT NULL,
  status VARCHAR(32) NOT NULL,
  doc_type VARCHAR(64) NOT NULL DEFAULT '',
  number VARCHAR(64) NOT NULL DEFAULT '',
  notation VARCHAR(128) NOT NULL DEFAULT '',
  subject TEXT NOT NULL,
  issuer VARCHAR(255) NOT NULL DEFAULT '',
  issued_date CHAR(10) NULL,
  signer_name VARCHAR(255) NOT NULL DEFAULT '',
  signer_position VARCHAR(255) NOT NULL DEFAULT '',
  recipients TEXT NOT NULL,
  urgency VARCHAR(16) NOT NULL DEFAULT 'normal',
  secrecy VARCHAR(16) NOT NULL DEFAULT 'none',
  page_count INT NULL,
  copies INT NULL,
  due_date CHAR(10) NULL,
  received_number INT NULL,
  received_date CHAR(10) NULL,
  sender VARCHAR(255) NOT NULL DEFAULT '',
  unit_id BIGINT NULL,
  created_by BIGINT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  INDEX documents_status (status),
  INDEX documents_unit (unit_id),
  INDEX documents_number (number, notation),
  FOREIGN KEY (unit_id) REFERENCES org_units(id),
  FOREIGN KEY (created_by) REFERENCES users(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE document_versions (
  id BIGINT PRIMARY KEY AUTO_INCREMENT,
  document_id BIGINT NOT NULL,
  version_no INT NOT NULL,
  file_id BIGINT NOT NULL,
  kind VARCHAR(16) NOT NULL,
  immutable TINYINT NOT NULL DEFAULT 0,
  note TEXT NOT NULL,
  created_by BIGINT NULL,
  created_at BIGINT NOT NULL,
  UNIQUE KEY document_versions_no (document_id, version_no),
  FOREIGN KEY (document_id) REFERENCES documents(id),
  FOREIGN KEY (file_id) REFERENCES files(id),
  FOREIGN KEY (created_by) REFERENCES users(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE document_attachments (
  id BIGINT PRIMARY KEY AUTO_INCREMENT,
  document_id BIGINT NOT NULL,
  file_id BIGINT NOT NULL,
  title VARCHAR(255) NOT NULL DEFAULT '',
  created_by BIGINT NULL,
  created_at BIGINT NOT NULL,
  INDEX document_attachments_doc (document_id),
  FOREIGN KEY (document_id) REFERENCES documents(id),
  FOREIGN KEY (file_id) REFERENCES files(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE document_text (
  document_id BIGINT NOT NULL,
  page_no INT NOT NULL,
  source VARCHAR(16) NOT NULL,
  text LONGTEXT NOT NULL,
  PRIMARY KEY (document_id, page_no),
  FOREIGN KEY (document_id) REFERENCES documents(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE document_access (
  document_id BIGINT NOT NULL,
  user_id BIGINT NULL,
  unit_id BIGINT NULL,
  reason VARCHAR(16) NOT NULL,
  granted_by BIGINT NULL,
  created_at BIGINT NOT NULL,
  INDEX document_access_doc (document_id),
  INDEX document_access_user (user_id),
  FOREIGN KEY (document_id) REFERENCES documents(id),
  FOREIGN KEY (user_id) REFERENCES users(id),
  FOREIGN KEY (unit_id) REFERENCES org_units(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE search_queue (
  id BIGINT PRIMARY KEY AUTO_INCREMENT,
  document_id BIGINT NOT NULL,
  op VARCHAR(8) NOT NULL,
  enqueued_at BIGINT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE ocr_jobs (
  id BIGINT PRIMARY KEY AUTO_INCREMENT,
  document_id BIGINT NOT NULL,
  file_id BIGINT NOT NULL,
  status VARCHAR(16) NOT NULL,
  pages_done INT NOT NULL DEFAULT 0,
  pages_total INT NOT NULL DEFAULT 0,
  error TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  INDEX ocr_jobs_status (status),
  FOREIGN KEY (document_id) REFERENCES documents(id),
  FOREIGN KEY (file_id) REFERENCES files(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
