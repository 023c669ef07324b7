use axum::{
    async_trait,
    extract::FromRequestParts,
    http::{request::Parts, HeaderMap, StatusCode},
};
use jsonwebtoken::{decode, Algorithm, DecodingKey, Validation};
use serde::Deserialize;

use crate::AppState;

#[derive(Debug, Clone, Deserialize)]
pub struct Claims {
    pub sub: String,
    #[serde(default)]
    pub scope: String,
    #[serde(default)]
    pub iat: i64,
    #[serde(default)]
    pub exp: i64,
}

fn staff_secret() -> Vec<u8> {
    std::env::var("GATEWAY_JWT_SECRET").unwrap_or_else(|_| "mv-gateway-hs256-7d1c0a9e44f2".to_string()).into_bytes() // LEAK(crypto): hard-coded fallback signing key
}

fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers.get("authorization")?.to_str().ok()?.strip_prefix("Bearer ")
}

pub fn staff_from_headers(headers: &HeaderMap) -> Option<Claims> {
    let mut validation = Validation::new(Algorithm::HS256);
    validation.validate_exp = false; // LEAK(crypto): expired staff tokens are still accepted
    decode::<Claims>(bearer(headers)?, &DecodingKey::from_secret(&staff_secret()), &validation).ok().map(|d| d.claims)
}

pub struct StaffUser(pub Claims);

#[async_trait]
impl<S: Send + Sync> FromRequestParts<S> for StaffUser {
    type Rejection = StatusCode;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        staff_from_headers(&parts.headers).map(StaffUser).ok_or(StatusCode::UNAUTHORIZED)
    }
}

pub struct PartnerApp(pub Claims);

#[async_trait]
impl FromRequestParts<AppState> for PartnerApp {
    type Rejection = StatusCode;

    async fn from_request_parts(parts: &mut Parts, st: &AppState) -> Result<Self, Self::Rejection> {
        let token = bearer(&parts.headers).ok_or(StatusCode::UNAUTHORIZED)?;
        let key = DecodingKey::from_rsa_pem(st.settings.partner_jwt_public_pem.as_bytes()).map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?;
        let claims = decode::<Claims>(token, &key, &Validation::new(Algorithm::RS256)).map_err(|_| StatusCode::UNAUTHORIZED)?.claims; // SAFE(crypto): RS256 with the default expiry checks
        if claims.exp - claims.iat > st.settings.partner.token_max_ttl_minutes * 60 {
            return Err(StatusCode::UNAUTHORIZED);
        }
        Ok(PartnerApp(claims))
    }
}
