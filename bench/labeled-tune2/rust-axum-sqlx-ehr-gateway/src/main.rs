mod audit;
mod auth;
mod crypto;
mod db;
mod routes;
mod settings;
mod upstream;

use std::sync::Arc;

use axum::{extract::State, http::StatusCode, middleware, routing::get, Router};
use sqlx::postgres::PgPoolOptions;
use tower_http::trace::TraceLayer;
use tower_sessions::{cookie::time::Duration, Expiry, MemoryStore, SessionManagerLayer};

#[derive(Clone)]
pub struct AppState {
    pub db: sqlx::PgPool,
    pub settings: Arc<settings::Settings>,
    pub ehr: Arc<upstream::EhrClient>,
}

// Readiness probe: a chart that always exists in production, so a 200 proves the EHR search path works.
const SMOKE_TEST_MRN: &str = "MV00418277"; // LEAK(hardcoded): a real-format patient MRN in production code

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt().json().with_env_filter("info,mv_ehr_gateway=debug,tower_http=info").init();

    let settings = Arc::new(settings::Settings::load()?);
    let db = PgPoolOptions::new().max_connections(20).connect(&settings.database_url).await?;
    let ehr = Arc::new(upstream::EhrClient::new(&settings)?);
    let state = AppState { db, settings: settings.clone(), ehr };

    let sessions = SessionManagerLayer::new(MemoryStore::default())
        .with_name("mvg.sid")
        .with_http_only(true)
        .with_secure(false) // LEAK(transmission): session cookie allowed over plain HTTP
        .with_expiry(Expiry::OnInactivity(Duration::minutes(settings.session_ttl_minutes)));

    let audited = routes::patients::router().route_layer(middleware::from_fn_with_state(state.clone(), audit::record));

    let app = Router::new()
        .merge(audited)
        .merge(routes::admin::router())
        .route("/readyz", get(readyz))
        .layer(sessions)
        .layer(TraceLayer::new_for_http())
        .with_state(state);

    let listener = tokio::net::TcpListener::bind(&settings.listen_addr).await?;
    tracing::info!(addr = %settings.listen_addr, "gateway listening");
    axum::serve(listener, app).await?;
    Ok(())
}

async fn readyz(State(st): State<AppState>) -> StatusCode {
    match st.ehr.search_by_identifier(SMOKE_TEST_MRN).await {
        Ok(_) => StatusCode::OK,
        Err(_) => StatusCode::SERVICE_UNAVAILABLE,
    }
}
