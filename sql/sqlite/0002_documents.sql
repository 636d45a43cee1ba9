-- Documents (Decree 30/2020/NĐ-CP, appendix VI): metadata, versions and attachments, extracted
-- text per page, who may read them, and the durable queue that feeds the search index.
-- Registers, routing and records build on these tables in later migrations.

CREATE TABLE documents (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  external_id TEXT UNIQUE,              -- id from an import or another agency (edXML); NULL if none
  direction TEXT NOT NULL,              -- incoming | outgoing | internal | archive
  status TEXT NOT NULL,                 -- see service/documents: draft … issued, registered … done, revoked
  doc_type TEXT NOT NULL DEFAULT '',    -- loại văn bản, e.g. "Quyết định" (29 types, Decree 30 art. 7)
  number TEXT NOT NULL DEFAULT '',      -- số, e.g. "12"
  notation TEXT NOT NULL DEFAULT '',    -- ký hiệu, e.g. "QĐ-UBND"
  subject TEXT NOT NULL DEFAULT '',     -- trích yếu
  issuer TEXT NOT NULL DEFAULT '',      -- cơ quan ban hành
  issued_date TEXT,                     -- ngày ban hành, YYYY-MM-DD
  signer_name TEXT NOT NULL DEFAULT '', -- người ký
  signer_position TEXT NOT NULL DEFAULT '', -- chức vụ người ký
  recipients TEXT NOT NULL DEFAULT '',  -- nơi nhận
  urgency TEXT NOT NULL DEFAULT 'normal',  -- độ khẩn: normal | urgent | very_urgent | flash
  secrecy TEXT NOT NULL DEFAULT 'none',    -- độ mật: none | confidential | secret | top_secret
  page_count INTEGER,                   -- số trang
  copies INTEGER,                       -- số bản
  due_date TEXT,                        -- hạn xử lý, YYYY-MM-DD
  received_number INTEGER,              -- số đến (incoming)
  received_date TEXT,                   -- ngày đến (incoming)
  sender TEXT NOT NULL DEFAULT '',      -- nơi gửi (incoming)
  unit_id INTEGER REFERENCES org_units(id),  -- the unit that owns the document
  created_by INTEGER REFERENCES users(id),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX documents_status ON documents(status);
CREATE INDEX documents_unit ON documents(unit_id);
CREATE INDEX documents_number ON documents(number, notation);

CREATE TABLE document_versions (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  document_id INTEGER NOT NULL REFERENCES documents(id),
  version_no INTEGER NOT NULL,          -- 1, 2, 3 … per document
  file_id INTEGER NOT NULL REFERENCES files(id),
  kind TEXT NOT NULL,                   -- draft | scan | signed | issued | imported
  immutable INTEGER NOT NULL DEFAULT 0, -- 1 once signed: never replaced, only superseded
  note TEXT NOT NULL DEFAULT '',
  created_by INTEGER REFERENCES users(id),
  created_at INTEGER NOT NULL,
  UNIQUE (document_id, version_no)
);

CREATE TABLE document_attachments (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  document_id INTEGER NOT NULL REFERENCES documents(id),
  file_id INTEGER NOT NULL REFERENCES files(id),
  title TEXT NOT NULL DEFAULT '',
  created_by INTEGER REFERENCES users(id),
  created_at INTEGER NOT NULL
);
CREATE INDEX document_attachments_doc ON document_attachments(document_id);

-- Extracted text, stored so that reindexing never extracts again.
CREATE TABLE document_text (
  document_id INTEGER NOT NULL REFERENCES documents(id),
  page_no INTEGER NOT NULL,             -- 1-based; 0 holds text given without pages (imports)
  source TEXT NOT NULL,                 -- pdf | ocr | import
  text TEXT NOT NULL,
  PRIMARY KEY (document_id, page_no)
);

-- Who may read a document besides its unit: handlers, recipients, explicit grants.
CREATE TABLE document_access (
  document_id INTEGER NOT NULL REFERENCES documents(id),
  user_id INTEGER REFERENCES users(id),
  unit_id INTEGER REFERENCES org_units(id),
  reason TEXT NOT NULL,                 -- handler | recipient | grant | signer
  granted_by INTEGER REFERENCES users(id),
  created_at INTEGER NOT NULL
);
CREATE INDEX document_access_doc ON document_access(document_id);
CREATE INDEX document_access_user ON document_access(user_id);

-- Written in the same transaction as the change; a single writer applies it to the index.
CREATE TABLE search_queue (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  document_id INTEGER NOT NULL,
  op TEXT NOT NULL,                     -- upsert | delete
  enqueued_at INTEGER NOT NULL
);

-- Background OCR of scanned pages, with visible progress.
CREATE TABLE ocr_jobs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  document_id INTEGER NOT NULL REFERENCES documents(id),
  file_id INTEGER NOT NULL REFERENCES files(id),
  status TEXT NOT NULL,                 -- queued | running | done | failed
  pages_done INTEGER NOT NULL DEFAULT 0,
  pages_total INTEGER NOT NULL DEFAULT 0,
  error TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX ocr_jobs_status ON ocr_jobs(status);
