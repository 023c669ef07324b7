use chrono::NaiveDate;
use rocket::http::{Cookie, CookieJar, Status};
use rocket::response::status::Custom;
use rocket::serde::json::Json;
use rocket::time::Duration;
use rocket::State;
use rocket_db_pools::Connection;
use serde::{Deserialize, Serialize};
use tracing::{info, instrument, warn};
use uuid::Uuid;

use crate::audit::AuditCtx;
use crate::auth::{self, Staff};
use crate::db::{self, Dose, Patient, Registry};
use crate::export;
use crate::iis::IisClient;
use crate::AppConfig;

type ApiResult<T> = Result<Json<T>, Custom<String>>;

fn internal<E: std::fmt::Display>(e: E) -> Custom<String> {
    tracing::error!(error = %e, "request failed");
    Custom(Status::InternalServerError, "internal error".into())
}

#[derive(Deserialize)]
pub struct Credentials<'r> {
    username: &'r str,
    password: &'r str,
}

#[derive(Serialize)]
pub struct PatientSummary {
    id: Uuid,
    name: String,
    dob: NaiveDate,
    student_key: Option<String>,
}

impl From<Patient> for PatientSummary {
    fn from(p: Patient) -> Self {
        let student_key = p.ssn.as_deref().map(export::legacy_student_key);
        PatientSummary { id: p.id, name: format!("{} {}", p.first_name, p.last_name), dob: p.dob, student_key }
    }
}

#[derive(Debug, Deserialize)]
pub struct DoseForm {
    cvx_code: String,
    vaccine_name: String,
    lot_number: String,
    administered_on: NaiveDate,
    site: String,
}

#[derive(Debug, Deserialize)]
pub struct KioskCheckin {
    first_name: String,
    last_name: String,
    dob: NaiveDate,
    guardian_phone: String,
}

#[post("/login", data = "<creds>")]
pub async fn login(mut db: Connection<Registry>, creds: Json<Credentials<'_>>, jar: &CookieJar<'_>) -> ApiResult<serde_json::Value> { // SAFE(audit): staff credentials only
    let staff = db::verify_staff(&mut db, creds.username, creds.password)
        .await
        .map_err(internal)?
        .ok_or_else(|| Custom(Status::Unauthorized, "invalid credentials".into()))?;
    let token = auth::issue_token(&staff.id, &staff.role, &staff.facility);
    jar.add_private(Cookie::build(("session", token.clone())).http_only(true).secure(true).max_age(Duration::days(30))); // LEAK(session): 30-day session cookie
    info!(staff = %staff.id, "staff login"); // SAFE(logging): staff id only
    Ok(Json(serde_json::json!({ "token": token })))
}

#[get("/patients/search?<last_name>&<dob>")] // LEAK(exposure): last name and DOB in the query string
#[instrument(skip(db, audit))] // LEAK(logging): span records last_name and dob arguments
pub async fn search(mut db: Connection<Registry>, mut audit: AuditCtx, last_name: &str, dob: &str) -> ApiResult<Vec<PatientSummary>> {
    let dob = NaiveDate::parse_from_str(dob, "%Y-%m-%d").map_err(|_| Custom(Status::BadRequest, "dob must be YYYY-MM-DD".into()))?;
    let rows = db::find_patients(&mut db, last_name, dob).await.map_err(internal)?;
    audit.record("patient.search", None).await;
    if rows.is_empty() {
        return Err(Custom(Status::NotFound, format!("no registry record for {last_name} born {dob}"))); // LEAK(exposure): search identifiers echoed in the error body
    }
    Ok(Json(rows.into_iter().map(PatientSummary::from).collect()))
}

#[derive(Serialize)]
pub struct PatientRecord {
    patient: Patient,
    doses: Vec<Dose>,
}

#[get("/patients/<id>")]
pub async fn get_patient(mut db: Connection<Registry>, mut audit: AuditCtx, id: Uuid) -> ApiResult<PatientRecord> {
    let patient = db::get_patient(&mut db, id).await.map_err(internal)?.ok_or_else(|| Custom(Status::NotFound, "not found".into()))?;
    let doses = db::doses_for(&mut db, id).await.map_err(internal)?;
    audit.record("patient.view", Some(id)).await;
    Ok(Json(PatientRecord { patient, doses }))
}

#[post("/patients/<id>/doses", data = "<form>")]
pub async fn record_dose(
    mut db: Connection<Registry>,
    mut audit: AuditCtx,
    staff: Staff,
    id: Uuid,
    form: Json<DoseForm>,
    iis: &State<IisClient>,
    cfg: &State<AppConfig>,
    redis_client: &State<redis::Client>,
) -> ApiResult<Dose> {
    let patient = db::get_patient(&mut db, id).await.map_err(internal)?.ok_or_else(|| Custom(Status::NotFound, "not found".into()))?;
    let form = form.into_inner();
    let dose = Dose {
        id: Uuid::new_v4(),
        patient_id: patient.id,
        cvx_code: form.cvx_code,
        vaccine_name: form.vaccine_name,
        lot_number: form.lot_number,
        administered_on: form.administered_on,
        site: form.site,
        administered_by: staff.id.clone(),
    };
    db::insert_dose(&mut db, &dose).await.map_err(internal)?;
    info!("dose recorded for {} {} (dob {}): {} lot {}", patient.first_name, patient.last_name, patient.dob, dose.vaccine_name, dose.lot_number); // LEAK(logging): name, DOB and vaccine in log line
    if let Ok(mut con) = redis_client.get_multiplexed_async_connection().await {
        let value = serde_json::to_string(&(&patient, &dose)).unwrap_or_default();
        let _: redis::RedisResult<()> = redis::cmd("SETEX").arg(format!("recent-dose:{}", dose.id)).arg(86_400).arg(value).query_async(&mut con).await; // LEAK(storage): patient and dose cached in redis as plaintext JSON
    }
    match iis.submit_vxu(&cfg.iis, &patient, &dose).await {
        Ok(_) => info!(dose_id = %dose.id, "IIS accepted VXU"), // SAFE(logging): surrogate id only
        Err(e) => warn!(dose_id = %dose.id, error = %e, "IIS submission failed; queued for retry"),
    }
    audit.record("dose.create", Some(patient.id)).await;
    Ok(Json(dose))
}

#[derive(Serialize)]
pub struct Certificate {
    name: String,
    dob: NaiveDate,
    doses: Vec<(String, NaiveDate)>,
}

#[get("/patients/<id>/certificate")]
pub async fn certificate(mut db: Connection<Registry>, _staff: Staff, id: Uuid, jar: &CookieJar<'_>) -> ApiResult<Certificate> { // LEAK(audit): prints a vaccination certificate without the AuditCtx guard
    let patient = db::get_patient(&mut db, id).await.map_err(internal)?.ok_or_else(|| Custom(Status::NotFound, "not found".into()))?;
    let doses = db::doses_for(&mut db, id).await.map_err(internal)?;
    jar.add(Cookie::build(("last_certificate", format!("{} {}|{}", patient.first_name, patient.last_name, patient.dob))).path("/")); // LEAK(storage): name and DOB in a plain, unencrypted cookie
    Ok(Json(Certificate {
        name: format!("{} {}", patient.first_name, patient.last_name),
        dob: patient.dob,
        doses: doses.into_iter().map(|d| (d.vaccine_name, d.administered_on)).collect(),
    }))
}

#[post("/schools/<code>/report")]
pub async fn school_report(mut db: Connection<Registry>, _staff: Staff, code: &str, cfg: &State<AppConfig>) -> ApiResult<serde_json::Value> { // LEAK(audit): exports a school's student vaccination roster without the AuditCtx guard
    let rows = db::school_roster(&mut db, code).await.map_err(internal)?;
    let path = export::write_school_report(&cfg.export_dir, code, &rows).map_err(internal)?;
    info!(rows = rows.len(), school = code, "school compliance report written"); // SAFE(logging): count and school code
    Ok(Json(serde_json::json!({ "path": path.display().to_string(), "rows": rows.len() })))
}

#[post("/reminders/run")]
pub async fn run_reminders(mut db: Connection<Registry>, mut audit: AuditCtx, iis: &State<IisClient>, cfg: &State<AppConfig>) -> ApiResult<serde_json::Value> {
    let due = db::due_reminders(&mut db).await.map_err(internal)?;
    let mut sent = 0usize;
    for (patient_id, vaccine) in &due {
        if let Some(patient) = db::get_patient(&mut db, *patient_id).await.map_err(internal)? {
            if iis.send_reminder(&cfg.iis, &patient, vaccine).await.is_ok() {
                sent += 1;
            }
        }
    }
    audit.record("reminders.run", None).await;
    Ok(Json(serde_json::json!({ "due": due.len(), "sent": sent })))
}

#[post("/kiosk/checkin", data = "<form>")]
pub async fn kiosk_checkin(mut db: Connection<Registry>, mut audit: AuditCtx, form: Json<KioskCheckin>, jar: &CookieJar<'_>) -> ApiResult<serde_json::Value> {
    println!("kiosk check-in: {:?}", form); // LEAK(logging): child's name, DOB and guardian phone printed to stdout
    let matches = db::find_patients(&mut db, &form.last_name, form.dob).await.map_err(internal)?;
    let token = auth::issue_kiosk_token("MVPEDS01");
    jar.add_private(Cookie::build(("kiosk", token)).http_only(true).secure(true).max_age(Duration::minutes(10))); // SAFE(session): 10 minute kiosk cookie
    let id = matches.first().map(|p| p.id);
    audit.record("kiosk.checkin", id).await;
    Ok(Json(serde_json::json!({ "matched": id.is_some(), "patient_id": id })))
}
