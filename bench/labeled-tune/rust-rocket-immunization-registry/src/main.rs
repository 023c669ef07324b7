#[macro_use]
extern crate rocket;

mod audit;
mod auth;
mod db;
mod export;
mod iis;
mod routes;

use rocket::fairing::AdHoc;
use rocket_db_pools::Database;
use serde::Deserialize;

#[derive(Debug, Deserialize, Clone)]
pub struct IisConfig {
    pub base_url: String,
    pub reminder_url: String,
    pub facility_id: String,
}

#[derive(Debug, Deserialize, Clone)]
pub struct AppConfig {
    pub iis: IisConfig,
    pub export_dir: String,
    pub redis_url: String,
}

#[launch]
fn rocket() -> _ {
    tracing_subscriber::fmt()
        .json()
        .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
        .init();

    rocket::build()
        .attach(db::Registry::init())
        .attach(AdHoc::config::<AppConfig>())
        .attach(AdHoc::try_on_ignite("redis", |rocket| async move {
            let url = rocket.state::<AppConfig>().map(|c| c.redis_url.clone()).unwrap_or_default();
            match redis::Client::open(url) {
                Ok(client) => Ok(rocket.manage(client)),
                Err(_) => Err(rocket),
            }
        }))
        .manage(iis::IisClient::new())
        .mount(
            "/api",
            routes![
                routes::login,
                routes::search,
                routes::get_patient,
                routes::record_dose,
                routes::certificate,
                routes::school_report,
                routes::run_reminders,
                routes::kiosk_checkin,
            ],
        )
}
