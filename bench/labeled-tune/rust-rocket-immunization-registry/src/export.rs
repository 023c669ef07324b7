use std::path::{Path, PathBuf};

use hmac::{Hmac, Mac};
use sha2::Sha256;
use uuid::Uuid;

use crate::db::RosterRow;

type HmacSha256 = Hmac<Sha256>;

/// Key the district SIS still uses to match students; they send us SSNs, we send this back.
pub fn legacy_student_key(ssn: &str) -> String {
    format!("{:x}", md5::compute(ssn.replace('-', "").as_bytes())) // LEAK(crypto): MD5 of SSN used as a matching key
}

pub fn patient_ref(id: &Uuid) -> String {
    let key = std::env::var("PATIENT_REF_KEY").unwrap_or_default();
    let mut mac = HmacSha256::new_from_slice(key.as_bytes()).expect("hmac key");
    mac.update(id.as_bytes());
    hex::encode(mac.finalize().into_bytes()) // SAFE(crypto): keyed HMAC pseudonym
}

pub fn write_school_report(dir: &str, school: &str, rows: &[RosterRow]) -> anyhow::Result<PathBuf> {
    let path = Path::new(dir).join(format!("{}-{}.csv", school, chrono::Utc::now().format("%Y%m%d")));
    let mut w = csv::Writer::from_path(&path)?;
    for row in rows {
        w.serialize(row)?; // LEAK(storage): student names, DOB and vaccine history in a plaintext CSV
    }
    w.flush()?;
    Ok(path)
}
