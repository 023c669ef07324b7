mod audit;
mod auth;
mod db;
mod handlers;
mod models;
mod outbound;

use std::{sync::Arc, time::Duration};

use poem::{
    get,
    listener::TcpListener,
    middleware::Tracing,
    post,
    session::{CookieConfig, RedisStorage, ServerSession},
    web::cookie::CookieKey,
    EndpointExt, Route, Server,
};
use serde::Deserialize;
use sqlx::postgres::PgPoolOptions;

#[derive(Debug, Deserialize)]
pub struct ServerCfg {
    pub bind: String,
}

#[derive(Debug, Deserialize)]
pub struct DbCfg {
    pub url: String,
}

#[derive(Debug, Deserialize)]
pub struct SessionCfg {
    pub ttl_hours: u64,
    pub redis_url: String,
}

#[derive(Debug, Deserialize)]
pub struct JwtCfg {
    pub issuer: String,
    pub access_ttl_minutes: i64,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Partners {
    pub lab_results_url: String,
    pub pharmacy_url: String,
    pub analytics_url: String,
    pub otel_url: String,
}

#[derive(Deserialize)]
pub struct Settings {
    pub server: ServerCfg,
    pub database: DbCfg,
    pub session: SessionCfg,
    pub jwt: JwtCfg,
    pub partners: Partners,
    #[serde(skip)]
    pub jwt_secret: String,
    #[serde(skip)]
    pub analytics_key: String,
    #[serde(skip)]
    pub message_key: String,
    #[serde(skip)]
    pub lookup_key: String,
}

fn env(name: &str) -> anyhow::Result<String> {
    std::env::var(name).map_err(|_| anyhow::anyhow!("missing env var {name}"))
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt().json().with_env_filter("patient_portal=debug,poem=info").init();

    let path = std::env::var("PORTAL_CONFIG").unwrap_or_else(|_| "portal.toml".into());
    let mut cfg: Settings = toml::from_str(&std::fs::read_to_string(path)?)?;
    cfg.jwt_secret = env("PORTAL_JWT_SECRET")?;
    cfg.analytics_key = env("PORTAL_ANALYTICS_KEY")?;
    cfg.message_key = env("PORTAL_MESSAGE_KEY")?;
    cfg.lookup_key = env("PORTAL_LOOKUP_KEY")?;

    let pool = PgPoolOptions::new().max_connections(10).connect(&cfg.database.url).await?;
    let redis = redis::Client::open(cfg.session.redis_url.as_str())?;
    let store = RedisStorage::new(redis::aio::ConnectionManager::new(redis).await?);
    let cookie_key = CookieKey::from(env("PORTAL_COOKIE_KEY")?.as_bytes());

    let session = ServerSession::new(
        CookieConfig::default()
            .name("portal_sid")
            .secure(true)
            .http_only(true)
            .max_age(Duration::from_secs(cfg.session.ttl_hours * 3600)),
        store,
    );

    let partner = outbound::PartnerClient(outbound::partner_client()?);
    let http = outbound::default_client()?;
    let bind = cfg.server.bind.clone();

    let api = Route::new()
        .at("/me", get(handlers::me))
        .at("/me/results", get(handlers::my_results))
        .at("/me/coverage", get(handlers::my_coverage))
        .at("/me/messages", post(handlers::send_message))
        .at("/me/refills", post(handlers::request_refill))
        .at("/me/partner-results", get(handlers::partner_lab))
        .at("/link", post(handlers::find_patient));

    let app = Route::new()
        .nest("/api", api.with(audit::AuditTrail))
        .at("/login", post(auth::login))
        .at("/sso/partner", post(auth::partner_sso))
        .at("/support/lookup/:ssn", get(handlers::lookup_by_ssn))  // LEAK(exposure): SSN carried in the URL path of the support lookup route
        .at("/share/:token", get(handlers::shared_summary))
        .at("/health", get(handlers::health))
        .with(session)
        .with(Tracing)  // LEAK(logging): poem Tracing middleware records every request URI, including /support/lookup/{ssn}
        .data(pool)
        .data(Arc::new(cfg))
        .data(cookie_key)
        .data(partner)
        .data(http);

    tracing::info!(%bind, "portal listening");
    Server::new(TcpListener::bind(bind)).run(app).await?;
    Ok(())
}
