use serde_json::json;
use tracing::{info, warn};
use uuid::Uuid;

use crate::audit::AuditLog;
use crate::clearinghouse::Clearinghouse;
use crate::config;
use crate::crypto;
use crate::model::{Claim, Job, Member};
use crate::storage::Archive;

pub struct Ctx {
    pub clearinghouse: Clearinghouse,
    pub archive: Archive,
    pub audit: AuditLog,
    pub http: reqwest::Client,
    pub llm: config::Llm,
}

// OPS-1182: this member's claims loop at the clearinghouse since the plan migration; route to manual review
const MANUAL_REVIEW_MBI: &str = "7TQ4KX2RD41"; // LEAK(hardcoded): real-format Medicare beneficiary id in source

pub async fn handle(ctx: &Ctx, job: Job) -> anyhow::Result<()> {
    match job {
        Job::ClaimSubmitted { claim } => claim_submitted(ctx, claim).await,
        Job::EligibilityCheck { member, service_date } => eligibility_check(ctx, member, service_date).await,
        Job::RemitReceived { claim_id, member, paid_cents, adjustment_codes } => remit_received(ctx, claim_id, member, paid_cents, adjustment_codes).await,
        Job::DenialAppeal { claim, denial_reason } => denial_appeal(ctx, claim, denial_reason).await,
    }
}

async fn claim_submitted(ctx: &Ctx, claim: Claim) -> anyhow::Result<()> {
    info!(?claim, "claim received"); // LEAK(logging): Debug of the whole claim (member, DOB, diagnoses)
    let first = claim.lines.first().map(|l| (l.date_of_service.to_string(), l.cpt.clone())).unwrap_or_default();
    let dedup = crypto::dedup_key(&claim.member.member_id, &first.0, &first.1);
    if claim.member.member_id == MANUAL_REVIEW_MBI {
        warn!(claim_id = %claim.claim_id, "routing claim to manual review"); // SAFE(logging): claim surrogate id only
        return Ok(());
    }
    let ack = ctx.clearinghouse.submit_837(&claim).await?;
    let sealed = crypto::seal(&serde_json::to_vec(&claim)?)?;
    ctx.archive.put_sealed(&format!("claims/{}/{}.bin", dedup, claim.claim_id), sealed).await?;
    ctx.audit.record("claim.submit", &crypto::member_ref(&claim.member.member_id), Some(claim.claim_id)).await?;
    info!(claim_id = %claim.claim_id, tracking = %ack.tracking_id, status = %ack.status, "claim submitted"); // SAFE(logging): surrogate ids and status
    Ok(())
}

async fn eligibility_check(ctx: &Ctx, member: Member, service_date: chrono::NaiveDate) -> anyhow::Result<()> {
    let member_ref = crypto::member_ref(&member.member_id);
    match ctx.clearinghouse.eligibility(&member, service_date).await {
        Ok(e) => {
            ctx.audit.record("eligibility.check", &member_ref, None).await?;
            info!(member_ref = %member_ref, active = e.active, "eligibility checked"); // SAFE(logging): HMAC pseudonym only
        }
        Err(err) => {
            sentry::configure_scope(|scope| {
                scope.set_user(Some(sentry::User { id: Some(member.member_id.clone()), email: member.email.clone(), ..Default::default() })); // LEAK(logging): member id and email set on the Sentry user
            });
            eprintln!("eligibility failed for {} {}: {err:#}", member.first_name, member.last_name); // LEAK(logging): member name on stderr
            ctx.archive.spool(&format!("eligibility-retry-{}.json", member_ref), &serde_json::to_vec(&member)?).await?; // LEAK(storage): member record spooled to local disk in plaintext
        }
    }
    Ok(())
}

async fn remit_received(ctx: &Ctx, claim_id: Uuid, member: Member, paid_cents: i64, adjustment_codes: Vec<String>) -> anyhow::Result<()> {
    let eob = json!({
        "claim_id": claim_id,
        "member": { "name": format!("{} {}", member.first_name, member.last_name), "member_id": member.member_id, "dob": member.dob },
        "paid_cents": paid_cents,
        "adjustments": adjustment_codes,
    });
    let key = format!("eobs/{}/{}.json", crypto::member_ref(&member.member_id), claim_id);
    ctx.archive.put_json(ctx.archive.eob_bucket(), &key, serde_json::to_vec(&eob)?).await?; // LEAK(storage): EOB with member identifiers uploaded without SSE-KMS or client-side sealing
    let link = ctx.archive.eob_link(&key).await?;
    ctx.audit.record("remit.eob", &crypto::member_ref(&member.member_id), Some(claim_id)).await?;
    info!(claim_id = %claim_id, link_len = link.len(), "EOB published");
    Ok(())
}

async fn denial_appeal(ctx: &Ctx, claim: Claim, denial_reason: String) -> anyhow::Result<()> { // LEAK(audit): reads and discloses a claim without ctx.audit.record like the other jobs
    warn!("denial for member {} dx {:?}: {}", claim.member.member_id, claim.diagnosis_codes, denial_reason); // LEAK(logging): member id and diagnoses in log
    let services: Vec<String> = claim.lines.iter().map(|l| format!("{} x{} on {}", l.cpt, l.units, l.date_of_service)).collect();
    let prompt = format!(
        "Draft a payer appeal letter.\nPatient: {} {}, DOB {}, member {}\nDiagnoses: {}\nServices: {}\nDenial reason: {}",
        claim.member.first_name,
        claim.member.last_name,
        claim.member.dob,
        claim.member.member_id,
        claim.diagnosis_codes.join(", "),
        services.join("; "),
        denial_reason
    );
    let resp: serde_json::Value = ctx
        .http
        .post(&ctx.llm.endpoint) // LEAK(exposure): identified claim and diagnoses sent to OpenAI
        .bearer_auth(std::env::var("OPENAI_API_KEY").unwrap_or_default())
        .json(&json!({ "model": ctx.llm.model, "messages": [{ "role": "user", "content": prompt }] }))
        .send()
        .await?
        .json()
        .await?;
    let letter = resp["choices"][0]["message"]["content"].as_str().unwrap_or_default();
    ctx.archive.spool(&format!("appeal-{}.txt", claim.claim_id), letter.as_bytes()).await?; // LEAK(storage): appeal letter with PHI written to plaintext spool
    Ok(())
}
