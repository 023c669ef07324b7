mod analytics;
mod audit;
mod auth;
mod cache;
mod config;
mod crypto;
mod demo;
mod entities;
mod handlers;
mod notify;
mod state;

use std::time::Duration;

use poem::listener::TcpListener;
use poem::middleware::Tracing;
use poem::session::{CookieConfig, CookieSession};
use poem::web::Json;
use poem::{get, handler, post, EndpointExt, Route, Server};

use crate::audit::Audit;
use crate::auth::StaffAuth;
use crate::handlers::{admin, exams, hooks, imaging, orders, patients, portal};

#[handler]
fn demo_card() -> Json<serde_json::Value> {
    let d = &demo::DEMO_WEARER;
    Json(serde_json::json!({ "name": d.name, "od": d.od, "os": d.os, "practice_npi": demo::PRACTICE_NPI }))
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt().json().with_env_filter("info,sea_orm=debug,sqlx=info").init(); // LEAK(logging): sea_orm debug logs every statement with its bound values
    let settings = config::Settings::load()?;
    let db = sea_orm::Database::connect(&settings.database.url).await?;
    let cache = cache::Cache::new(&settings.cache.url)?;
    let state = state::AppState::build(db.clone(), cache, settings.clone())?;

    let api = Route::new()
        .at("/patients", post(patients::create_patient))
        .at("/patients/:id", get(patients::get_patient))
        .at("/exams", post(exams::create_exam))
        .at("/exams/:id", get(exams::get_exam))
        .at("/exams/:id/glasses", post(orders::order_glasses))
        .at("/exams/:id/contacts", post(orders::order_contacts))
        .at("/exams/:id/fundus", post(imaging::upload_fundus))
        .with(Audit)
        .with(StaffAuth);

    let admin_routes = Route::new()
        .at("/recall", get(admin::diabetic_recall))
        .at("/recall/send", post(admin::send_recalls))
        .with(StaffAuth);

    let app = Route::new()
        .nest("/api", api)
        .nest("/admin", admin_routes)
        .at("/portal/login", get(portal::portal_login))
        .at("/portal/rx", get(portal::my_prescription))
        .at("/hooks/lab-status", post(hooks::lab_status))
        .at("/kiosk/demo", get(demo_card))
        .with(CookieSession::new(
            CookieConfig::default()
                .name(settings.session.cookie_name.clone())
                .secure(true)
                .http_only(true)
                .max_age(Duration::from_secs(settings.session.max_age_secs)),
        ))
        .with(Tracing)
        .data(state)
        .data(db);

    Server::new(TcpListener::bind(settings.server.bind.as_str())).run(app).await?;
    Ok(())
}
