use jsonwebtoken::{decode, encode, Algorithm, DecodingKey, EncodingKey, Header, Validation};
use rocket::http::Status;
use rocket::request::{FromRequest, Outcome, Request};
use serde::{Deserialize, Serialize};

#[derive(Debug, Serialize, Deserialize)]
pub struct Claims {
    pub sub: String,
    pub role: String,
    pub facility: String,
    pub exp: usize,
}

#[derive(Debug, Clone)]
pub struct Staff {
    pub id: String,
    pub role: String,
    pub facility: String,
}

fn secret() -> Vec<u8> {
    std::env::var("JWT_SECRET").unwrap_or_default().into_bytes()
}

pub fn issue_token(staff_id: &str, role: &str, facility: &str) -> String {
    let exp = (chrono::Utc::now() + chrono::Duration::days(7)).timestamp() as usize; // LEAK(session): staff bearer tokens valid for 7 days
    let claims = Claims { sub: staff_id.into(), role: role.into(), facility: facility.into(), exp };
    encode(&Header::default(), &claims, &EncodingKey::from_secret(&secret())).expect("jwt signing")
}

pub fn issue_kiosk_token(facility: &str) -> String {
    let exp = (chrono::Utc::now() + chrono::Duration::minutes(10)).timestamp() as usize; // SAFE(session): 10 minute kiosk token
    let claims = Claims { sub: format!("kiosk:{facility}"), role: "kiosk".into(), facility: facility.into(), exp };
    encode(&Header::default(), &claims, &EncodingKey::from_secret(&secret())).expect("jwt signing")
}

#[rocket::async_trait]
impl<'r> FromRequest<'r> for Staff {
    type Error = ();

    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        let token = req
            .headers()
            .get_one("Authorization")
            .and_then(|h| h.strip_prefix("Bearer "))
            .map(str::to_owned)
            .or_else(|| req.cookies().get_private("session").map(|c| c.value().to_owned()));
        let Some(token) = token else {
            return Outcome::Error((Status::Unauthorized, ()));
        };
        let mut validation = Validation::new(Algorithm::HS256);
        if req.headers().get_one("X-Partner-Gateway").is_some() {
            // the county gateway re-signs with its own key; it has already authenticated the caller
            validation.insecure_disable_signature_validation(); // LEAK(crypto): JWT signature check disabled for gateway traffic
        }
        match decode::<Claims>(&token, &DecodingKey::from_secret(&secret()), &validation) {
            Ok(data) => Outcome::Success(Staff { id: data.claims.sub, role: data.claims.role, facility: data.claims.facility }),
            Err(_) => Outcome::Error((Status::Unauthorized, ())),
        }
    }
}
