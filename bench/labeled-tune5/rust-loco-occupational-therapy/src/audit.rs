//! `Audited` extractor: handlers that take it write one `audit_events` row per request
//! (actor pid, method, path) before the handler body runs.
use async_trait::async_trait;
use axum::{
    extract::{FromRef, FromRequestParts},
    http::request::Parts,
};
use loco_rs::{app::AppContext, controller::middleware::auth, Error};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};

pub struct Audited {
    pub actor: String,
}

pub async fn record(db: &DatabaseConnection, actor: &str, action: &str, target: &str) -> Result<(), Error> {
    db.execute(Statement::from_sql_and_values(
        DbBackend::Postgres,
        "INSERT INTO audit_events (actor, action, target, at) VALUES ($1, $2, $3, now())",
        [actor.into(), action.into(), target.into()],
    ))
    .await?;
    Ok(())
}

#[async_trait]
impl<S> FromRequestParts<S> for Audited
where
    AppContext: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let ctx = AppContext::from_ref(state);
        let jwt = auth::JWT::from_request_parts(parts, state).await?;
        record(&ctx.db, &jwt.claims.pid, parts.method.as_str(), parts.uri.path()).await?;
        Ok(Audited { actor: jwt.claims.pid })
    }
}
