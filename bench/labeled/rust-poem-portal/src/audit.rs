use poem::{session::Session, Endpoint, IntoResponse, Middleware, Request, Response, Result};
use sqlx::PgPool;

/// Writes one audit_events row (actor, action, outcome) for every request that reaches the wrapped routes.
pub struct AuditTrail;

impl<E: Endpoint> Middleware<E> for AuditTrail {
    type Output = AuditTrailEndpoint<E>;

    fn transform(&self, ep: E) -> Self::Output {
        AuditTrailEndpoint { inner: ep }
    }
}

pub struct AuditTrailEndpoint<E> {
    inner: E,
}

impl<E: Endpoint> Endpoint for AuditTrailEndpoint<E> {
    type Output = Response;

    async fn call(&self, req: Request) -> Result<Self::Output> {
        let pool = req.data::<PgPool>().cloned();
        let actor = req.extensions().get::<Session>().and_then(|s| s.get::<i64>("pid"));
        let action = format!("{} {}", req.method(), req.uri().path());
        let res = self.inner.call(req).await;
        let outcome = if res.is_ok() { "ok" } else { "error" };
        if let Some(pool) = pool {
            let _ = sqlx::query("INSERT INTO audit_events (actor_pid, action, outcome, at) VALUES ($1, $2, $3, now())")
                .bind(actor)
                .bind(&action)
                .bind(outcome)
                .execute(&pool)
                .await;
        }
        res.map(IntoResponse::into_response)
    }
}
