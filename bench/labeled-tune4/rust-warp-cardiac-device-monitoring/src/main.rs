mod alerts;
mod audit;
mod auth;
mod crypto;
mod db;
mod handlers;
mod kafka;
mod model;
mod pairing;
mod settings;
mod spool;
mod vendor;

use std::convert::Infallible;
use std::sync::{Arc, Mutex};

use warp::http::StatusCode;
use warp::{Filter, Rejection, Reply};

use crate::handlers::{episodes, patients, transmissions, webhooks, Conflict, Ctx};

async fn recover(err: Rejection) -> Result<impl Reply, Infallible> {
    if let Some(Conflict(msg)) = err.find::<Conflict>() {
        return Ok(warp::reply::with_status(warp::reply::json(&serde_json::json!({ "error": msg })), StatusCode::CONFLICT));
    }
    if err.is_not_found() {
        return Ok(warp::reply::with_status(warp::reply::json(&serde_json::json!({ "error": "not found" })), StatusCode::NOT_FOUND));
    }
    if err.find::<auth::Unauthorized>().is_some() {
        return Ok(warp::reply::with_status(warp::reply::json(&serde_json::json!({ "error": "unauthorized" })), StatusCode::UNAUTHORIZED));
    }
    Ok(warp::reply::with_status(warp::reply::json(&serde_json::json!({ "error": "internal error" })), StatusCode::INTERNAL_SERVER_ERROR)) // SAFE(exposure): generic error body
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let _sentry = sentry::init((
        std::env::var("SENTRY_DSN").unwrap_or_default(),
        sentry::ClientOptions { release: sentry::release_name!(), send_default_pii: true, attach_stacktrace: true, ..Default::default() }, // LEAK(logging): send_default_pii ships request data and user identity with every event
    ));
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("info")).init();

    let settings = settings::Settings::load()?;
    let pool = db::pool(&settings.postgres)?;
    let ctx = Ctx {
        pool: pool.clone(),
        bus: kafka::Bus::new(&settings.kafka)?,
        http: reqwest::Client::new(),
        vendor_http: vendor::client()?,
        spool: Arc::new(Mutex::new(spool::Spool::open(&settings.spool.path)?)),
        alert_cache: Arc::new(Mutex::new(spool::AlertCache::open(&settings.spool.alerts_cache_path)?)),
        settings: settings.clone(),
    };
    let with_ctx = {
        let ctx = ctx.clone();
        warp::any().map(move || ctx.clone())
    };

    let ingest = warp::path!("transmissions")
        .and(warp::post())
        .and(with_ctx.clone())
        .and(warp::body::json())
        .and_then(transmissions::ingest);

    let enrol = warp::path!("patients")
        .and(warp::post())
        .and(audit::scope(pool.clone(), "patient.enrol"))
        .and(with_ctx.clone())
        .and(warp::body::json())
        .and_then(patients::enrol);

    let get_patient = warp::path!("patients" / i64)
        .and(warp::get())
        .and(audit::scope(pool.clone(), "patient.read"))
        .and(with_ctx.clone())
        .and_then(patients::get_patient);

    let episodes_list = warp::path!("patients" / i64 / "episodes")
        .and(warp::get())
        .and(audit::scope(pool.clone(), "episodes.read"))
        .and(with_ctx.clone())
        .and_then(episodes::list_for_patient);

    let draft = warp::path!("notes" / "draft")
        .and(warp::post())
        .and(audit::scope(pool.clone(), "note.draft"))
        .and(with_ctx.clone())
        .and(warp::body::json())
        .and_then(episodes::draft_note);

    let export = warp::path!("exports" / "billing")
        .and(warp::get())
        .and(warp::query::<episodes::ExportQuery>())
        .and(with_ctx.clone())
        .and_then(episodes::export_month);

    let vendor_hook = warp::path!("hooks" / "vendor")
        .and(warp::post())
        .and(warp::header::<String>("authorization"))
        .and(with_ctx.clone())
        .and(warp::body::json())
        .and_then(webhooks::vendor_event);

    let qa = warp::path!("qa" / "loopback").map(|| {
        let (name, dob, _mrn) = pairing::QA_LOOPBACK_PATIENT;
        warp::reply::json(&serde_json::json!({ "name": name, "dob": dob, "model": pairing::QA_DEVICE_MODEL }))
    });

    let routes = ingest
        .or(enrol)
        .or(get_patient)
        .or(episodes_list)
        .or(draft)
        .or(export)
        .or(vendor_hook)
        .or(qa)
        .recover(recover)
        .with(warp::log("rhythmwatch::access")); // SAFE(logging): access log of method, path (numeric ids) and status

    let addr: std::net::SocketAddr = settings.http.bind.parse()?;
    warp::serve(routes).tls().cert_path("/etc/rhythmwatch/tls.crt").key_path("/etc/rhythmwatch/tls.key").run(addr).await; // SAFE(transmission): HTTPS listener
    Ok(())
}
