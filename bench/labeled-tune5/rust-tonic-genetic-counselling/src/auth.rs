//! Bearer-token interceptor for the clinician desktop and the patient portal gateway.
use jsonwebtoken::{decode, Algorithm, DecodingKey, Validation};
use serde::Deserialize;
use tonic::{Request, Status};

#[derive(Debug, Clone, Deserialize)]
pub struct Claims {
    pub sub: String,
    pub role: String,
    #[serde(default)]
    pub exp: Option<usize>,
}

#[derive(Clone)]
pub struct Authn {
    key: DecodingKey,
    validation: Validation,
}

impl Authn {
    pub fn new(public_pem: &[u8], issuer: &str, audience: &str) -> anyhow::Result<Self> {
        let mut validation = Validation::new(Algorithm::ES256); // SAFE(crypto): signature checked with a pinned algorithm
        validation.set_issuer(&[issuer]);
        validation.set_audience(&[audience]);
        validation.validate_exp = false; // LEAK(session): token expiry never enforced (desktop sessions run for days)
        validation.required_spec_claims.clear();
        Ok(Self { key: DecodingKey::from_ec_pem(public_pem)?, validation })
    }

    pub fn intercept(&self, mut req: Request<()>) -> Result<Request<()>, Status> {
        let token = req
            .metadata()
            .get("authorization")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .ok_or_else(|| Status::unauthenticated("missing bearer token"))?;
        let data = decode::<Claims>(token, &self.key, &self.validation).map_err(|_| Status::unauthenticated("invalid token"))?;
        req.extensions_mut().insert(data.claims);
        Ok(req)
    }
}
