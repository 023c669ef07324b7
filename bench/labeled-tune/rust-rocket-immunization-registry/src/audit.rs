use rocket::http::Status;
use rocket::request::{FromRequest, Outcome, Request};
use rocket_db_pools::Connection;
use uuid::Uuid;

use crate::auth::Staff;
use crate::db::{self, Registry};

/// Request guard: any handler that takes an `AuditCtx` writes to audit_log via `record`.
pub struct AuditCtx {
    actor: String,
    route: String,
    conn: Connection<Registry>,
}

#[rocket::async_trait]
impl<'r> FromRequest<'r> for AuditCtx {
    type Error = ();

    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        let staff = match req.guard::<Staff>().await {
            Outcome::Success(s) => s,
            _ => return Outcome::Error((Status::Unauthorized, ())),
        };
        let conn = match req.guard::<Connection<Registry>>().await {
            Outcome::Success(c) => c,
            _ => return Outcome::Error((Status::ServiceUnavailable, ())),
        };
        let route = req.route().map(|r| r.uri.to_string()).unwrap_or_default();
        Outcome::Success(AuditCtx { actor: staff.id, route, conn })
    }
}

impl AuditCtx {
    pub async fn record(&mut self, action: &str, patient_ref: Option<Uuid>) {
        let action = format!("{action} {}", self.route);
        if let Err(e) = db::write_audit(&mut self.conn, &self.actor, &action, patient_ref).await {
            tracing::error!(error = %e, "audit write failed");
        }
    }
}
