//! Local spools on the ingest node: transmissions wait here while Kafka is unavailable.
use rusqlite::{params, Connection};

use crate::model::Transmission;

pub struct Spool {
    conn: Connection,
}

impl Spool {
    pub fn open(path: &str) -> anyhow::Result<Self> {
        let conn = Connection::open(path)?;
        let key = std::env::var("RW_SPOOL_KEY")?;
        conn.pragma_update(None, "key", &key)?; // SAFE(storage): SQLCipher-encrypted spool database
        conn.execute_batch("CREATE TABLE IF NOT EXISTS spool (id TEXT PRIMARY KEY, body TEXT NOT NULL, tries INTEGER DEFAULT 0)")?;
        Ok(Self { conn })
    }

    pub fn push(&self, tx: &Transmission) -> anyhow::Result<()> {
        self.conn.execute("INSERT OR REPLACE INTO spool (id, body) VALUES (?1, ?2)", params![tx.transmission_id, serde_json::to_string(tx)?])?;
        Ok(())
    }

    pub fn drain(&self, limit: u32) -> anyhow::Result<Vec<Transmission>> {
        let mut stmt = self.conn.prepare("SELECT body FROM spool ORDER BY rowid LIMIT ?1")?;
        let rows = stmt.query_map(params![limit], |r| r.get::<_, String>(0))?;
        Ok(rows.filter_map(|r| r.ok()).filter_map(|b| serde_json::from_str(&b).ok()).collect())
    }
}

/// Recently raised alerts, so a flapping device does not page the clinic twice.
pub struct AlertCache {
    conn: Connection,
}

impl AlertCache {
    pub fn open(path: &str) -> anyhow::Result<Self> {
        let conn = Connection::open(path)?;
        conn.execute_batch("CREATE TABLE IF NOT EXISTS alerts (serial TEXT, patient TEXT, kind TEXT, detail TEXT, at TEXT)")?;
        Ok(Self { conn })
    }

    pub fn remember(&self, tx: &Transmission, kind: &str, detail: &str) -> anyhow::Result<()> {
        self.conn.execute( // LEAK(storage): patient name and arrhythmia detail in a plain SQLite file (no SQLCipher key)
            "INSERT INTO alerts (serial, patient, kind, detail, at) VALUES (?1, ?2, ?3, ?4, datetime('now'))",
            params![tx.device_serial, tx.patient_name, kind, detail],
        )?;
        Ok(())
    }

    pub fn seen_recently(&self, serial: &str, kind: &str) -> bool {
        self.conn
            .query_row("SELECT 1 FROM alerts WHERE serial = ?1 AND kind = ?2 AND at > datetime('now', '-6 hours')", params![serial, kind], |_| Ok(()))
            .is_ok()
    }
}
