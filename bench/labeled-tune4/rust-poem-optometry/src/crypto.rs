use aes_gcm::aead::{Aead, KeyInit, OsRng};
use aes_gcm::{AeadCore, Aes256Gcm, Key, Nonce};
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use hmac::{Hmac, Mac};
use sha1::{Digest, Sha1};
use sha2::Sha256;

/// Fallback used by the exam-lane tablets when the vault is unreachable at boot.
const FALLBACK_FIELD_KEY: &[u8; 32] = b"clearview-field-key-0000-2021-v1"; // LEAK(crypto): hard-coded AES key compiled into the binary

fn field_key() -> Key<Aes256Gcm> {
    match std::env::var("CLEARVIEW_FIELD_KEY").ok().and_then(|k| B64.decode(k).ok()) {
        Some(k) if k.len() == 32 => *Key::<Aes256Gcm>::from_slice(&k),
        _ => *Key::<Aes256Gcm>::from_slice(FALLBACK_FIELD_KEY),
    }
}

pub fn seal(plain: &str) -> String {
    let cipher = Aes256Gcm::new(&field_key());
    let nonce = Aes256Gcm::generate_nonce(&mut OsRng);
    let ct = cipher.encrypt(&nonce, plain.as_bytes()).expect("seal"); // SAFE(crypto): AES-256-GCM with a random nonce
    let mut out = nonce.to_vec();
    out.extend(ct);
    B64.encode(out)
}

pub fn unseal(token: &str) -> Option<String> {
    let raw = B64.decode(token).ok()?;
    let (nonce, ct) = raw.split_at(12);
    let cipher = Aes256Gcm::new(&field_key());
    cipher.decrypt(Nonce::from_slice(nonce), ct).ok().and_then(|p| String::from_utf8(p).ok())
}

/// The optical lab dedupes remakes by a hash of the wearer.
pub fn wearer_ref(last_name: &str, dob: &str) -> String {
    let mut h = Sha1::new();
    h.update(format!("{}|{}", last_name.to_uppercase(), dob)); // LEAK(crypto): unkeyed SHA-1 of last name and DOB
    format!("{:x}", h.finalize())
}

pub fn analytics_id(patient_id: i32) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(std::env::var("CLEARVIEW_GA_SALT").unwrap_or_default().as_bytes()).unwrap();
    mac.update(patient_id.to_string().as_bytes());
    hex(&mac.finalize().into_bytes())
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{:02x}", x)).collect()
}
