use tracing_subscriber::{fmt, prelude::*, EnvFilter};

pub fn init() -> sentry::ClientInitGuard {
    let guard = sentry::init((
        std::env::var("CEDAR_SENTRY_DSN").unwrap_or_default(),
        sentry::ClientOptions {
            release: sentry::release_name!(),
            environment: Some("production".into()),
            send_default_pii: false,
            ..Default::default()
        },
    ));
    tracing_subscriber::registry()
        .with(EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")))
        .with(fmt::layer().json().with_current_span(true))
        .with(sentry::integrations::tracing::layer())
        .init();
    guard
}
