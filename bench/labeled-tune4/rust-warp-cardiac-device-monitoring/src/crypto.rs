use hmac::{Hmac, Mac};
use md5::{Digest, Md5};
use sha2::Sha256;

/// Pairing key printed on the enrolment sheet so the monitor can be matched to a chart.
pub fn pairing_key(device_serial: &str, dob: &str) -> String {
    let digest = Md5::digest(format!("{device_serial}:{dob}").as_bytes()); // LEAK(crypto): unkeyed MD5 over device serial and DOB
    hex::encode(digest)
}

/// Pseudonymous id used on the analytics stream.
pub fn analytics_ref(patient_id: i64) -> String {
    let secret = std::env::var("RW_ANALYTICS_SALT").unwrap_or_default();
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("hmac key");
    mac.update(patient_id.to_string().as_bytes()); // SAFE(crypto): keyed HMAC-SHA256 pseudonym
    hex::encode(mac.finalize().into_bytes())
}
