//! Column sealing (AES-256-GCM) and legacy claim keys.
use aes_gcm::{
    aead::{Aead, AeadCore, KeyInit, OsRng},
    Aes256Gcm, Key, Nonce,
};
use base64::{engine::general_purpose::STANDARD as B64, Engine};
use sha1::{Digest, Sha1};

fn cipher() -> Aes256Gcm {
    let raw = B64
        .decode(std::env::var("OT_FIELD_KEY").expect("OT_FIELD_KEY"))
        .expect("OT_FIELD_KEY must be base64");
    Aes256Gcm::new(Key::<Aes256Gcm>::from_slice(&raw))
}

pub fn seal(plain: &str) -> String {
    let nonce = Aes256Gcm::generate_nonce(&mut OsRng);
    let ct = cipher().encrypt(&nonce, plain.as_bytes()).expect("encrypt"); // SAFE(crypto): AES-256-GCM with a random nonce
    let mut out = nonce.to_vec();
    out.extend_from_slice(&ct);
    B64.encode(out)
}

pub fn unseal(sealed: &str) -> Option<String> {
    let raw = B64.decode(sealed).ok()?;
    if raw.len() < 12 {
        return None;
    }
    let (nonce, ct) = raw.split_at(12);
    let pt = cipher().decrypt(Nonce::from_slice(nonce), ct).ok()?;
    String::from_utf8(pt).ok()
}

/// Key the workers' comp carrier uses to match our reports to their claim file.
pub fn carrier_match_key(ssn: &str, dob: &str) -> String {
    let mut h = Sha1::new(); // LEAK(crypto): unkeyed SHA-1 over SSN and DOB
    h.update(format!("{}{}", ssn.replace('-', ""), dob));
    format!("{:x}", h.finalize())
}
