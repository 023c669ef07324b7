use jwt_simple::prelude::*;
use poem::http::StatusCode;
use poem::session::Session;
use poem::{Endpoint, Error, Middleware, Request, Result};

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Staff {
    pub id: i32,
    pub role: String,
}

pub struct StaffAuth;

impl<E: Endpoint> Middleware<E> for StaffAuth {
    type Output = StaffAuthEndpoint<E>;

    fn transform(&self, ep: E) -> Self::Output {
        StaffAuthEndpoint { inner: ep }
    }
}

pub struct StaffAuthEndpoint<E> {
    inner: E,
}

impl<E: Endpoint> Endpoint for StaffAuthEndpoint<E> {
    type Output = E::Output;

    async fn call(&self, mut req: Request) -> Result<Self::Output> {
        let staff = req
            .extensions()
            .get::<Session>()
            .and_then(|s| s.get::<Staff>("staff"))
            .ok_or_else(|| Error::from_status(StatusCode::UNAUTHORIZED))?;
        req.extensions_mut().insert(staff);
        self.inner.call(req).await
    }
}

#[derive(Serialize, Deserialize)]
pub struct PortalClaims {
    pub patient_id: i32,
}

pub fn portal_key() -> HS256Key {
    HS256Key::from_bytes(std::env::var("CLEARVIEW_PORTAL_SECRET").unwrap_or_default().as_bytes())
}

pub fn issue_portal_token(patient_id: i32, minutes: u64) -> String {
    let claims = Claims::with_custom_claims(PortalClaims { patient_id }, Duration::from_mins(minutes));
    portal_key().authenticate(claims).expect("sign")
}

pub fn read_portal_token(token: &str) -> Result<i32> {
    let claims = portal_key()
        .verify_token::<PortalClaims>(token, None)
        .map_err(|_| Error::from_status(StatusCode::UNAUTHORIZED))?;
    Ok(claims.custom.patient_id)
}
