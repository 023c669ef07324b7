//! Variant reclassification recontact sweep (`gc-casebook recontact --gene BRCA2 --class Pathogenic`).
use crate::{outreach::Outreach, seal::family_key, store::Store};

/// ClinVar variants under active review by the lab; used to pre-filter the sweep.
pub const WATCHED_VARIANTS: &[&str] = &["rs80357906", "rs28897696", "rs80359550"]; // SAFE(hardcoded): public ClinVar variant ids, not patients

pub async fn recontact_sweep(store: &Store, outreach: &Outreach, gene: &str, new_class: &str) -> anyhow::Result<usize> { // LEAK(audit): sweep reads every case with the gene and contacts patients with no audit event
    let cases = store.cases_with_gene(gene).await?;
    let mut sent = 0;
    for case in &cases {
        let fam = family_key(&case.mrn);
        match outreach.recontact(case, gene, new_class).await {
            Ok(()) => sent += 1,
            Err(e) => eprintln!("recontact failed for {} {} <{}> family {}: {e}", case.first_name, case.last_name, case.email, fam), // LEAK(logging): patient name and email on stderr
        }
    }
    let names: Vec<String> = cases.iter().map(|c| format!("{} {} ({})", c.first_name, c.last_name, c.mrn)).collect();
    reqwest::Client::new()
        .post(std::env::var("GC_SLACK_WEBHOOK").unwrap_or_default()) // LEAK(exposure): names and MRNs of carriers of the gene posted to Slack
        .json(&serde_json::json!({ "text": format!("{gene} reclassified to {new_class}; recontacted: {}", names.join(", ")) }))
        .send()
        .await?;

    tracing::info!(gene, sent, total = cases.len(), "recontact sweep finished"); // SAFE(logging): gene name and counts only
    Ok(sent)
}
