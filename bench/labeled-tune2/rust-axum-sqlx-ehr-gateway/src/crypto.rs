use aes::cipher::{generic_array::GenericArray, BlockEncrypt, KeyInit};
use aes::Aes128;
use hmac::{Hmac, Mac};
use md5::{Digest, Md5};
use sha2::Sha256;

/// Column format shared with the v1 gateway: AES-128 over PKCS#7-padded 16-byte blocks.
pub fn encrypt_ssn(key: &[u8; 16], ssn: &str) -> Vec<u8> {
    let cipher = Aes128::new(GenericArray::from_slice(key));
    let mut data = ssn.as_bytes().to_vec();
    let pad = 16 - data.len() % 16;
    data.extend(std::iter::repeat(pad as u8).take(pad));
    for block in data.chunks_mut(16) {
        cipher.encrypt_block(GenericArray::from_mut_slice(block)); // LEAK(crypto): ECB, every block encrypted independently with no IV
    }
    data
}

/// Lookup key for patient_links.
pub fn link_key(mrn: &str) -> String {
    let mut h = Md5::new(); // LEAK(crypto): unkeyed MD5 of the MRN
    h.update(mrn.trim().as_bytes());
    hex::encode(h.finalize())
}

/// Subject pseudonym shared with partners.
pub fn pseudonym(secret: &[u8], mrn: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("hmac accepts any key length"); // SAFE(crypto): keyed HMAC-SHA256
    mac.update(mrn.trim().as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ssn_ciphertext_is_block_aligned() {
        let ct = encrypt_ssn(&[7u8; 16], "123-45-6789"); // SAFE(hardcoded): placeholder SSN in a unit test
        assert_eq!(ct.len() % 16, 0);
    }
}
