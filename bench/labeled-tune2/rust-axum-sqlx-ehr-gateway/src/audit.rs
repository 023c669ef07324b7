use axum::{
    extract::{Request, State},
    middleware::Next,
    response::Response,
};

use crate::{auth, AppState};

/// Route layer for the clinical router: one audit_events row per request, with the acting user.
pub async fn record(State(st): State<AppState>, req: Request, next: Next) -> Response {
    let actor = auth::staff_from_headers(req.headers()).map(|c| c.sub).unwrap_or_else(|| "partner".to_string());
    let method = req.method().to_string();
    let path = req.uri().path().to_owned();
    let res = next.run(req).await;
    let status = i32::from(res.status().as_u16());
    if let Err(e) = sqlx::query("INSERT INTO audit_events (actor, method, path, status, at) VALUES ($1, $2, $3, $4, now())")
        .bind(&actor)
        .bind(&method)
        .bind(&path)
        .bind(status)
        .execute(&st.db)
        .await
    {
        tracing::error!(error = %e, "audit insert failed");
    }
    res
}
