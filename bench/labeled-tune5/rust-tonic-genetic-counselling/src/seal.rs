//! Field sealing for consent scans and free-text counselling notes, plus lab-facing codes.
use aes::Aes128;
use base64::{engine::general_purpose::STANDARD as B64, Engine};
use chacha20poly1305::{
    aead::{Aead, AeadCore, KeyInit, OsRng},
    ChaCha20Poly1305, Key, Nonce,
};
use ecb::cipher::{block_padding::Pkcs7, BlockEncryptMut, KeyInit as _};
use md5::{Digest, Md5};

type Aes128EcbEnc = ecb::Encryptor<Aes128>;

pub struct Sealer {
    aead: ChaCha20Poly1305,
    barcode_key: [u8; 16],
}

impl Sealer {
    pub fn from_env() -> anyhow::Result<Self> {
        let key = B64.decode(std::env::var("GC_FIELD_KEY")?)?;
        let mut barcode_key = [0u8; 16];
        barcode_key.copy_from_slice(&hex::decode(std::env::var("GC_BARCODE_KEY")?)?[..16]);
        Ok(Self { aead: ChaCha20Poly1305::new(Key::from_slice(&key)), barcode_key })
    }

    pub fn seal(&self, plain: &str) -> String {
        let nonce = ChaCha20Poly1305::generate_nonce(&mut OsRng);
        let ct = self.aead.encrypt(&nonce, plain.as_bytes()).expect("seal"); // SAFE(crypto): ChaCha20-Poly1305 with a random nonce
        let mut out = nonce.to_vec();
        out.extend(ct);
        B64.encode(out)
    }

    pub fn unseal(&self, sealed: &str) -> Option<String> {
        let raw = B64.decode(sealed).ok()?;
        let (n, ct) = raw.split_at(12);
        String::from_utf8(self.aead.decrypt(Nonce::from_slice(n), ct).ok()?).ok()
    }

    /// Requisition barcode the reference lab decodes on their side (their spec, 2016).
    pub fn requisition_barcode(&self, mrn: &str, dob: &str) -> String {
        let enc = Aes128EcbEnc::new(&self.barcode_key.into()).encrypt_padded_vec_mut::<Pkcs7>(format!("{mrn}|{dob}").as_bytes()); // LEAK(crypto): AES-ECB over MRN and DOB
        hex::encode_upper(enc)
    }
}

/// Family-linkage key so relatives' cases can be grouped across the casebook.
pub fn family_key(proband_mrn: &str) -> String {
    hex::encode(Md5::digest(proband_mrn.as_bytes())) // LEAK(crypto): unkeyed MD5 of the proband MRN
}
