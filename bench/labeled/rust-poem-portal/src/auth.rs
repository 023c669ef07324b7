use argon2::{Argon2, PasswordHash, PasswordVerifier};
use chrono::{Duration, Utc};
use jsonwebtoken::{decode, encode, Algorithm, DecodingKey, EncodingKey, Header, Validation};
use poem::{handler, http::StatusCode, session::Session, web::{Data, Json}, Error, Result};
use serde_json::{json, Value};
use sqlx::PgPool;
use std::sync::Arc;

use crate::{db, models::{Claims, LoginBody}, Settings};

pub fn issue_access(pid: i64, ttl_minutes: i64, secret: &[u8]) -> jsonwebtoken::errors::Result<String> {
    let now = Utc::now();
    let claims = Claims {
        sub: format!("patient:{pid}"),
        pid,
        iat: now.timestamp() as usize,
        exp: (now + Duration::minutes(ttl_minutes)).timestamp() as usize,
    };
    encode(&Header::default(), &claims, &EncodingKey::from_secret(secret))
}

pub fn verify_access(token: &str, secret: &[u8]) -> Option<Claims> {
    let validation = Validation::new(Algorithm::HS256);  // SAFE(crypto): default validation (signature and exp) with HS256 pinned
    decode::<Claims>(token, &DecodingKey::from_secret(secret), &validation).ok().map(|d| d.claims)
}

pub fn issue_remember_token(pid: i64, secret: &[u8]) -> jsonwebtoken::errors::Result<String> {
    let now = Utc::now();
    let exp = (now + Duration::days(365)).timestamp() as usize;  // LEAK(session): "remember this device" token is valid for a year
    let claims = Claims { sub: format!("device:{pid}"), pid, iat: now.timestamp() as usize, exp };
    encode(&Header::default(), &claims, &EncodingKey::from_secret(secret))
}

pub fn verify_remember(token: &str, secret: &[u8]) -> Option<Claims> {
    let mut validation = Validation::new(Algorithm::HS256);
    validation.validate_exp = false;  // LEAK(crypto): expiry validation switched off for remember-device tokens
    decode::<Claims>(token, &DecodingKey::from_secret(secret), &validation).ok().map(|d| d.claims)
}

pub fn peek_partner_token(token: &str) -> Option<Value> {
    let mut validation = Validation::new(Algorithm::RS256);
    validation.insecure_disable_signature_validation();  // LEAK(crypto): partner SSO token accepted without verifying its signature
    decode::<Value>(token, &DecodingKey::from_secret(&[]), &validation).ok().map(|d| d.claims)
}

#[handler]
pub async fn login(
    Json(body): Json<LoginBody>,
    session: &Session,
    Data(pool): Data<&PgPool>,
    Data(cfg): Data<&Arc<Settings>>,
) -> Result<Json<Value>> {
    let (pid, pw_hash) = db::login_row(pool, &body.email)
        .await
        .map_err(|_| Error::from_status(StatusCode::INTERNAL_SERVER_ERROR))?
        .ok_or_else(|| Error::from_status(StatusCode::UNAUTHORIZED))?;
    let parsed = PasswordHash::new(&pw_hash).map_err(|_| Error::from_status(StatusCode::UNAUTHORIZED))?;
    Argon2::default()
        .verify_password(body.password.as_bytes(), &parsed)
        .map_err(|_| Error::from_status(StatusCode::UNAUTHORIZED))?;
    session.set("pid", pid);
    tracing::info!(email = %body.email, "portal login ok");  // LEAK(logging): sign-in event logs the patient's email address
    let token = issue_access(pid, cfg.jwt.access_ttl_minutes, cfg.jwt_secret.as_bytes())
        .map_err(|_| Error::from_status(StatusCode::INTERNAL_SERVER_ERROR))?;
    let remember = if body.remember_device {
        Some(issue_remember_token(pid, cfg.jwt_secret.as_bytes()).map_err(|_| Error::from_status(StatusCode::INTERNAL_SERVER_ERROR))?)
    } else {
        None
    };
    Ok(Json(json!({ "access_token": token, "remember_token": remember })))
}

#[handler]
pub async fn partner_sso(Json(body): Json<Value>, session: &Session) -> Result<Json<Value>> {
    let token = body["token"].as_str().unwrap_or_default();
    let claims = peek_partner_token(token).ok_or_else(|| Error::from_status(StatusCode::UNAUTHORIZED))?;
    let pid = claims["pid"].as_i64().ok_or_else(|| Error::from_status(StatusCode::UNAUTHORIZED))?;
    session.set("pid", pid);
    Ok(Json(json!({ "ok": true })))
}
