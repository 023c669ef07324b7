use core::time::Duration;

use pasetors::claims::{Claims, ClaimsValidationRules};
use pasetors::keys::SymmetricKey;
use pasetors::token::UntrustedToken;
use pasetors::{local, version4::V4, Local};
use warp::Filter;

use crate::model::Staff;
use crate::settings::Auth;

fn key() -> SymmetricKey<V4> {
    let raw = hex::decode(std::env::var("RW_PASETO_KEY").unwrap_or_default()).unwrap_or_default();
    SymmetricKey::<V4>::from(&raw).expect("32-byte paseto key")
}

pub fn issue_clinic_token(cfg: &Auth, staff: &Staff) -> anyhow::Result<String> {
    let mut claims = Claims::new()?;
    claims.subject(&staff.id.to_string())?;
    claims.add_additional("role", staff.role.clone())?;
    claims.set_expires_in(&Duration::from_secs(cfg.clinic_token_hours * 3600))?;
    Ok(local::encrypt(&key(), &claims, None, None)?)
}

pub fn issue_device_token(cfg: &Auth, device_serial: &str) -> anyhow::Result<String> {
    let mut claims = Claims::new()?;
    claims.subject(device_serial)?;
    claims.set_expires_in(&Duration::from_secs(cfg.device_token_minutes * 60))?;
    Ok(local::encrypt(&key(), &claims, None, None)?)
}

fn verify(token: &str) -> Option<Staff> {
    let untrusted = UntrustedToken::<Local, V4>::try_from(token).ok()?;
    let trusted = local::decrypt(&key(), &untrusted, &ClaimsValidationRules::new(), None, None).ok()?;
    let claims = trusted.payload_claims()?;
    let id = claims.get_claim("sub")?.as_str()?.parse().ok()?;
    let role = claims.get_claim("role")?.as_str()?.to_string();
    Some(Staff { id, role })
}

#[derive(Debug)]
pub struct Unauthorized;
impl warp::reject::Reject for Unauthorized {}

pub fn staff() -> impl Filter<Extract = (Staff,), Error = warp::Rejection> + Clone {
    warp::header::<String>("authorization").and_then(|h: String| async move {
        verify(h.trim_start_matches("Bearer ")).ok_or_else(|| warp::reject::custom(Unauthorized))
    })
}
