CREATE TABLE runs (
  id TEXT PRIMARY KEY,
  incident_no TEXT NOT NULL,
  unit TEXT NOT NULL,
  crew_lead INTEGER NOT NULL,
  patient_name_enc TEXT,
  dob_enc TEXT,
  address_enc TEXT,
  chief_complaint TEXT,
  narrative_enc TEXT,
  vitals_json TEXT,
  disposition TEXT,
  destination TEXT,
  created_at TEXT DEFAULT CURRENT_TIMESTAMP
);
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT DEFAULT CURRENT_TIMESTAMP,
  actor TEXT,
  action TEXT,
  target TEXT,
  status INTEGER
);
CREATE TABLE crew (
  id INTEGER PRIMARY KEY,
  email TEXT UNIQUE,
  display_name TEXT,
  cert_level TEXT,
  pass_hash TEXT
);
