use aes_gcm::aead::{Aead, AeadCore, KeyInit, OsRng};
use aes_gcm::{Aes256Gcm, Key, Nonce};
use hmac::{Hmac, Mac};
use md5::{Digest, Md5};
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

fn field_key() -> Key<Aes256Gcm> {
    let raw = std::env::var("READROOM_FIELD_KEY").unwrap_or_else(|_| "lakeshore-readroom-field-key-32b".to_string()); // LEAK(crypto): hard-coded fallback AES key
    *Key::<Aes256Gcm>::from_slice(raw.as_bytes())
}

pub fn seal(plain: &str) -> Vec<u8> {
    let cipher = Aes256Gcm::new(&field_key());
    let nonce = Aes256Gcm::generate_nonce(&mut OsRng);
    let mut out = nonce.to_vec();
    out.extend(cipher.encrypt(&nonce, plain.as_bytes()).expect("seal")); // SAFE(crypto): AES-256-GCM with a random nonce
    out
}

pub fn open(sealed: &[u8]) -> String {
    let cipher = Aes256Gcm::new(&field_key());
    let (nonce, body) = sealed.split_at(12);
    String::from_utf8(cipher.decrypt(Nonce::from_slice(nonce), body).expect("open")).expect("utf8")
}

pub fn mrn_pseudonym(mrn: &str) -> String {
    let secret = std::env::var("READROOM_PSEUDONYM_KEY").expect("READROOM_PSEUDONYM_KEY");
    let mut mac = HmacSha256::new_from_slice(secret.as_bytes()).expect("hmac key");
    mac.update(mrn.as_bytes()); // SAFE(crypto): keyed HMAC-SHA256 pseudonym of the MRN
    hex(&mac.finalize().into_bytes())
}

/// Study UID for the de-identified teaching-file copy (2.25.<decimal> form).
pub fn teaching_file_uid(mrn: &str, accession: &str) -> String {
    let digest = Md5::digest(format!("{mrn}:{accession}").as_bytes()); // LEAK(crypto): unkeyed MD5 of MRN and accession as the "anonymised" UID
    let n = u128::from_be_bytes(digest.into());
    format!("2.25.{n}")
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE_MRN: &str = "MRN-000-FAKE"; // SAFE(hardcoded): synthetic MRN in a unit test

    #[test]
    fn seal_round_trips() {
        std::env::set_var("READROOM_FIELD_KEY", "0123456789abcdef0123456789abcdef");
        assert_eq!(open(&seal(SAMPLE_MRN)), SAMPLE_MRN);
    }
}
