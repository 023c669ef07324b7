//! Tower layer that writes an audit document for every audited gRPC method.
//! Methods are audited by listing their full path in `AUDITED`.
use std::{
    future::Future,
    pin::Pin,
    task::{Context, Poll},
};

use bson::doc;
use tower::{Layer, Service};

use crate::store::Store;

const AUDITED: &[(&str, &str)] = &[
    ("/gc.v1.Counselling/GetCase", "case.read"),
    ("/gc.v1.Counselling/UpsertFamilyHistory", "family_history.write"),
    ("/gc.v1.Counselling/OrderTest", "test.order"),
    ("/gc.v1.Counselling/DraftLetter", "letter.draft"),
];

fn action_for(path: &str) -> Option<&'static str> {
    AUDITED.iter().find(|(p, _)| *p == path).map(|(_, a)| *a)
}

#[derive(Clone)]
pub struct AuditLayer {
    store: Store,
}

impl AuditLayer {
    pub fn new(store: Store) -> Self {
        Self { store }
    }
}

impl<S> Layer<S> for AuditLayer {
    type Service = AuditService<S>;
    fn layer(&self, inner: S) -> Self::Service {
        AuditService { inner, store: self.store.clone() }
    }
}

#[derive(Clone)]
pub struct AuditService<S> {
    inner: S,
    store: Store,
}

impl<S, B> Service<http::Request<B>> for AuditService<S>
where
    S: Service<http::Request<B>> + Clone + Send + 'static,
    S::Future: Send + 'static,
    B: Send + 'static,
{
    type Response = S::Response;
    type Error = S::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self::Response, Self::Error>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: http::Request<B>) -> Self::Future {
        let clone = self.inner.clone();
        let mut inner = std::mem::replace(&mut self.inner, clone);
        let store = self.store.clone();
        let path = req.uri().path().to_string();
        let actor = req.headers().get("x-gc-actor").and_then(|v| v.to_str().ok()).unwrap_or("unknown").to_string();
        Box::pin(async move {
            let resp = inner.call(req).await;
            if let Some(action) = action_for(&path) {
                let outcome = if resp.is_ok() { "ok" } else { "error" };
                store.audit(doc! { "actor": &actor, "action": action, "path": &path, "outcome": outcome }).await;
            }
            resp
        })
    }
}
