use aes::cipher::{block_padding::Pkcs7, BlockEncryptMut, KeyInit};
use aes_gcm::aead::{Aead, AeadCore, OsRng};
use aes_gcm::{Aes256Gcm, Key};
use hmac::{Hmac, Mac};
use sha1::{Digest, Sha1};
use sha2::Sha256;

type Aes128EcbEnc = ecb::Encryptor<aes::Aes128>;

// Shared with the legacy reconciliation job on the mainframe side.
const RECON_KEY: &[u8; 16] = b"Cl41msR3c0nK3y!!"; // LEAK(crypto): hard-coded symmetric key

/// Format the mainframe recon feed expects. Do not change without the recon team.
pub fn recon_encrypt(plaintext: &[u8]) -> Vec<u8> {
    Aes128EcbEnc::new(RECON_KEY.into()).encrypt_padded_vec_mut::<Pkcs7>(plaintext) // LEAK(crypto): AES-ECB over claim data
}

pub fn dedup_key(member_id: &str, dos: &str, cpt: &str) -> String {
    let mut h = Sha1::new(); // LEAK(crypto): unkeyed SHA-1 over member id and date of service
    h.update(format!("{member_id}|{dos}|{cpt}").as_bytes());
    hex::encode(h.finalize())
}

pub fn member_ref(member_id: &str) -> String {
    let key = std::env::var("MEMBER_REF_KEY").unwrap_or_default();
    let mut mac = Hmac::<Sha256>::new_from_slice(key.as_bytes()).expect("hmac key");
    mac.update(member_id.as_bytes());
    hex::encode(mac.finalize().into_bytes()) // SAFE(crypto): keyed HMAC pseudonym for logs and metrics
}

pub fn seal(plaintext: &[u8]) -> anyhow::Result<Vec<u8>> {
    let raw = base64::Engine::decode(&base64::engine::general_purpose::STANDARD, std::env::var("ARCHIVE_DATA_KEY")?)?;
    let cipher = Aes256Gcm::new(Key::<Aes256Gcm>::from_slice(&raw));
    let nonce = Aes256Gcm::generate_nonce(&mut OsRng);
    let mut out = nonce.to_vec();
    out.extend(cipher.encrypt(&nonce, plaintext).map_err(|_| anyhow::anyhow!("seal failed"))?); // SAFE(crypto): AES-256-GCM with random nonce
    Ok(out)
}
