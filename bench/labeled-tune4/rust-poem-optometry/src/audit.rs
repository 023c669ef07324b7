//! Request-level audit for everything nested under /api: one row per call with the staff id,
//! method, path (surrogate ids only) and response status.
use chrono::Utc;
use poem::{Endpoint, IntoResponse, Middleware, Request, Response, Result};
use sea_orm::{ActiveModelTrait, DatabaseConnection, Set};

use crate::auth::Staff;
use crate::entities::audit_event;

pub struct Audit;

impl<E: Endpoint> Middleware<E> for Audit {
    type Output = AuditEndpoint<E>;

    fn transform(&self, ep: E) -> Self::Output {
        AuditEndpoint { inner: ep }
    }
}

pub struct AuditEndpoint<E> {
    inner: E,
}

impl<E: Endpoint> Endpoint for AuditEndpoint<E> {
    type Output = Response;

    async fn call(&self, req: Request) -> Result<Self::Output> {
        let method = req.method().to_string();
        let path = req.uri().path().to_string();
        let actor = req.extensions().get::<Staff>().map(|s| s.id);
        let db = req.data::<DatabaseConnection>().cloned();
        let resp = self.inner.call(req).await?.into_response();
        if let Some(db) = db {
            record(&db, actor, &method, &path, resp.status().as_u16() as i16).await;
        }
        Ok(resp)
    }
}

pub async fn record(db: &DatabaseConnection, actor: Option<i32>, method: &str, path: &str, status: i16) {
    let row = audit_event::ActiveModel {
        at: Set(Utc::now()),
        actor_id: Set(actor),
        method: Set(method.to_owned()),
        path: Set(path.to_owned()),
        status: Set(status),
        ..Default::default()
    };
    if let Err(e) = row.insert(db).await {
        tracing::error!(error = %e, %path, "audit insert failed"); // SAFE(logging): path holds surrogate ids only
    }
}
