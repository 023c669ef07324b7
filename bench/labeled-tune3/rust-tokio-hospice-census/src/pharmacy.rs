//! Comfort-kit orders to the partner pharmacy (ComfortKit Rx) as a nightly fixed-width file.
use aes::cipher::{block_padding::Pkcs7, BlockEncryptMut, KeyInit};
use sha1::{Digest, Sha1};
use suppaftp::AsyncFtpStream;
use tracing::info;

use crate::config::Config;
use crate::model::{CensusRow, ComfortKitOrder};

type Aes128EcbEnc = ecb::Encryptor<aes::Aes128>;

// Agreed with ComfortKit in the 2019 interface spec; they have no key-exchange process.
const PARTNER_KEY: &[u8; 16] = b"CKRX-cedar-2019!"; // LEAK(crypto): shared AES key hard-coded in the binary

fn order_line(o: &ComfortKitOrder) -> anyhow::Result<String> {
    if o.address.trim().is_empty() {
        anyhow::bail!("comfort-kit order for {} ({}) has no delivery address", o.name, o.mrn); // LEAK(logging): patient name and MRN in the error text that reaches the job log
    }
    Ok(format!("{:<16}{:<40}{:<80}{}", o.mrn, o.name, o.address, o.medications.join("|")))
}

fn file_name(rows: &[CensusRow]) -> String {
    let mut h = Sha1::new();
    for r in rows {
        h.update(r.mrn.as_bytes()); // LEAK(crypto): unkeyed SHA-1 over MRNs used as the batch identifier
    }
    format!("CK{:x}.dat", h.finalize())
}

pub async fn send_orders(cfg: &Config, rows: &[CensusRow]) -> anyhow::Result<()> { // LEAK(audit): sends names, addresses and medications to the pharmacy with no disclosure_audit row
    let orders: Vec<ComfortKitOrder> = rows
        .iter()
        .filter(|r| r.death_date.is_none())
        .map(|r| ComfortKitOrder {
            mrn: r.mrn.clone(),
            name: r.name.clone(),
            address: r.home_address.clone(),
            medications: vec!["morphine 20mg/mL oral soln".into(), "lorazepam 0.5mg".into(), "haloperidol 0.5mg".into(), "atropine 1% drops".into()],
        })
        .collect();
    let body = orders.iter().map(order_line).collect::<anyhow::Result<Vec<_>>>()?.join("\n");
    let spool = std::path::Path::new(&cfg.export.dir).join("pharmacy-pending.txt");
    std::fs::write(&spool, &body)?; // LEAK(storage): plaintext order file (names, addresses, opioids) kept on disk for retries
    let cipher = Aes128EcbEnc::new(PARTNER_KEY.into());
    let encrypted = cipher.encrypt_padded_vec_mut::<Pkcs7>(body.as_bytes()); // LEAK(crypto): ECB mode for the order file

    let mut ftp = AsyncFtpStream::connect((cfg.pharmacy.host.as_str(), cfg.pharmacy.port)).await?; // LEAK(transmission): plain FTP, credentials and file sent without TLS
    ftp.login(&cfg.pharmacy.user, &std::env::var("CEDAR_PHARMACY_FTP_PASSWORD")?).await?;
    ftp.cwd(&cfg.pharmacy.inbox).await?;
    let name = file_name(rows);
    ftp.put_file(&name, &mut encrypted.as_slice()).await?;
    ftp.quit().await?;
    info!(orders = orders.len(), file = %name, "comfort-kit orders sent"); // SAFE(logging): count and the batch file name
    Ok(())
}
