mod audit;
mod config;
mod crypto;
mod errors;
mod handlers;
mod models;
mod notify;
mod pacs;
mod schema;

use actix_session::config::{CookieContentSecurity, PersistentSession};
use actix_session::storage::CookieSessionStore;
use actix_session::SessionMiddleware;
use actix_web::cookie::{time, Key};
use actix_web::middleware::{from_fn, Logger};
use actix_web::{web, App, HttpServer};
use diesel::pg::PgConnection;
use diesel::r2d2::{ConnectionManager, Pool};

pub type DbPool = Pool<ConnectionManager<PgConnection>>;

#[actix_web::main]
async fn main() -> anyhow::Result<()> {
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("info")).init();
    let settings = config::Settings::load()?;
    let pool: DbPool = Pool::builder().max_size(12).build(ConnectionManager::new(std::env::var("DATABASE_URL")?))?;
    let pacs = pacs::Pacs::new(&settings)?;
    let cookie_key = Key::from(std::env::var("READROOM_COOKIE_KEY")?.as_bytes());
    let bind = settings.server.bind.clone();
    let ttl_days = settings.session.ttl_days;

    HttpServer::new(move || {
        App::new()
            .app_data(web::Data::new(pool.clone()))
            .app_data(web::Data::new(settings.clone()))
            .app_data(web::Data::new(pacs.clone()))
            .wrap(Logger::new("%a \"%r\" %s %Dms"))
            .wrap(
                SessionMiddleware::builder(CookieSessionStore::default(), cookie_key.clone())
                    .cookie_content_security(CookieContentSecurity::Signed)
                    .cookie_secure(true)
                    .session_lifecycle(PersistentSession::default().session_ttl(time::Duration::days(ttl_days)))
                    .build(),
            )
            .service(
                web::scope("/api/studies")
                    .wrap(from_fn(audit::audit_trail))
                    .service(handlers::studies::worklist)
                    .service(handlers::studies::open_study)
                    .service(handlers::studies::assign),
            )
            .service(
                web::scope("/api/reports")
                    .wrap(from_fn(audit::audit_trail))
                    .service(handlers::reports::sign_report)
                    .service(handlers::reports::ai_triage),
            )
            .service(
                web::scope("/api/share")
                    .service(handlers::share::create_link)
                    .service(handlers::share::open_link)
                    .service(handlers::share::preview)
                    .service(handlers::share::export_for_review),
            )
    })
    .bind(bind)?
    .run()
    .await?;
    Ok(())
}
