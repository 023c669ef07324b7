use chrono::NaiveDate;
use rocket_db_pools::{sqlx, Database};
use serde::{Deserialize, Serialize};
use sqlx::PgConnection;
use uuid::Uuid;

#[derive(Database)]
#[database("registry")]
pub struct Registry(sqlx::PgPool);

#[derive(Debug, Clone, Serialize, Deserialize, sqlx::FromRow)]
pub struct Patient {
    pub id: Uuid,
    pub first_name: String,
    pub last_name: String,
    pub dob: NaiveDate,
    pub ssn: Option<String>,
    pub guardian_name: Option<String>,
    pub phone: Option<String>,
    pub zip: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, sqlx::FromRow)]
pub struct Dose {
    pub id: Uuid,
    pub patient_id: Uuid,
    pub cvx_code: String,
    pub vaccine_name: String,
    pub lot_number: String,
    pub administered_on: NaiveDate,
    pub site: String,
    pub administered_by: String,
}

#[derive(Debug, Serialize, sqlx::FromRow)]
pub struct RosterRow {
    pub student_name: String,
    pub dob: NaiveDate,
    pub grade: String,
    pub vaccine_name: String,
    pub administered_on: Option<NaiveDate>,
    pub compliant: bool,
}

#[derive(Debug, sqlx::FromRow)]
pub struct StaffRow {
    pub id: String,
    pub role: String,
    pub facility: String,
}

const PATIENT_COLS: &str = "id, first_name, last_name, dob, ssn, guardian_name, phone, zip";

pub async fn find_patients(conn: &mut PgConnection, last_name: &str, dob: NaiveDate) -> sqlx::Result<Vec<Patient>> {
    sqlx::query_as::<_, Patient>(&format!("SELECT {PATIENT_COLS} FROM patients WHERE lower(last_name) = lower($1) AND dob = $2"))
        .bind(last_name)
        .bind(dob)
        .fetch_all(conn)
        .await
}

pub async fn get_patient(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<Option<Patient>> {
    sqlx::query_as::<_, Patient>(&format!("SELECT {PATIENT_COLS} FROM patients WHERE id = $1"))
        .bind(id)
        .fetch_optional(conn)
        .await
}

pub async fn doses_for(conn: &mut PgConnection, patient_id: Uuid) -> sqlx::Result<Vec<Dose>> {
    sqlx::query_as::<_, Dose>("SELECT * FROM doses WHERE patient_id = $1 ORDER BY administered_on")
        .bind(patient_id)
        .fetch_all(conn)
        .await
}

pub async fn insert_dose(conn: &mut PgConnection, d: &Dose) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO doses (id, patient_id, cvx_code, vaccine_name, lot_number, administered_on, site, administered_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(d.id)
    .bind(d.patient_id)
    .bind(&d.cvx_code)
    .bind(&d.vaccine_name)
    .bind(&d.lot_number)
    .bind(d.administered_on)
    .bind(&d.site)
    .bind(&d.administered_by)
    .execute(conn)
    .await
    .map(|_| ())
}

pub async fn school_roster(conn: &mut PgConnection, school_code: &str) -> sqlx::Result<Vec<RosterRow>> {
    sqlx::query_as::<_, RosterRow>("SELECT * FROM school_compliance WHERE school_code = $1")
        .bind(school_code)
        .fetch_all(conn)
        .await
}

pub async fn due_reminders(conn: &mut PgConnection) -> sqlx::Result<Vec<(Uuid, String)>> {
    sqlx::query_as::<_, (Uuid, String)>("SELECT patient_id, vaccine_name FROM reminders_due WHERE sent_at IS NULL LIMIT 500")
        .fetch_all(conn)
        .await
}

pub async fn verify_staff(conn: &mut PgConnection, username: &str, password: &str) -> sqlx::Result<Option<StaffRow>> {
    sqlx::query_as::<_, StaffRow>(
        "SELECT id, role, facility FROM staff WHERE username = $1 AND password_hash = crypt($2, password_hash)",
    )
    .bind(username)
    .bind(password)
    .fetch_optional(conn)
    .await
}

pub async fn write_audit(conn: &mut PgConnection, actor: &str, action: &str, patient_ref: Option<Uuid>) -> sqlx::Result<()> {
    sqlx::query("INSERT INTO audit_log (actor, action, patient_ref, at) VALUES ($1, $2, $3, now())")
        .bind(actor)
        .bind(action)
        .bind(patient_ref)
        .execute(conn)
        .await
        .map(|_| ())
}
