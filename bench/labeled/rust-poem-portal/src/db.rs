use chrono::NaiveDate;
use sqlx::PgPool;

use crate::models::{Coverage, LabResult, NewMessage, Patient, Prescription};

const PATIENT_COLS: &str = "id, mrn, first_name, last_name, dob, email, phone";

pub async fn patient_by_id(pool: &PgPool, id: i64) -> sqlx::Result<Patient> {
    sqlx::query_as::<_, Patient>(&format!("SELECT {PATIENT_COLS} FROM patients WHERE id = $1"))
        .bind(id)
        .fetch_one(pool)
        .await
}

pub async fn patient_by_ssn_key(pool: &PgPool, ssn_key: &str) -> sqlx::Result<Patient> {
    sqlx::query_as::<_, Patient>(&format!("SELECT {PATIENT_COLS} FROM patients WHERE ssn_hmac = $1"))
        .bind(ssn_key)
        .fetch_one(pool)
        .await
}

#[tracing::instrument(skip(pool))]  // LEAK(logging): #[instrument] without skip records the mrn and dob arguments as span fields
pub async fn find_by_mrn(pool: &PgPool, mrn: &str, dob: NaiveDate) -> sqlx::Result<Option<Patient>> {
    sqlx::query_as::<_, Patient>(&format!("SELECT {PATIENT_COLS} FROM patients WHERE mrn = $1 AND dob = $2"))
        .bind(mrn)
        .bind(dob)
        .fetch_optional(pool)
        .await
}

#[tracing::instrument(skip_all, fields(patient_id = pid))]  // SAFE(logging): instrument skips all arguments and records only the surrogate patient id
pub async fn results_for(pool: &PgPool, pid: i64) -> sqlx::Result<Vec<LabResult>> {
    sqlx::query_as::<_, LabResult>(
        "SELECT id, patient_id, loinc, test_name, value, units, flag, resulted_at \
         FROM lab_results WHERE patient_id = $1 ORDER BY resulted_at DESC",
    )
    .bind(pid)
    .fetch_all(pool)
    .await
}

pub async fn coverage_for(pool: &PgPool, pid: i64) -> sqlx::Result<Option<Coverage>> {
    sqlx::query_as::<_, Coverage>("SELECT patient_id, payer, member_id, group_no FROM coverage WHERE patient_id = $1")
        .bind(pid)
        .fetch_optional(pool)
        .await
}

pub async fn prescription(pool: &PgPool, pid: i64, rx_id: i64) -> sqlx::Result<Prescription> {
    sqlx::query_as::<_, Prescription>(
        "SELECT id, patient_id, drug_name, dosage, refills_left FROM prescriptions WHERE id = $1 AND patient_id = $2",
    )
    .bind(rx_id)
    .bind(pid)
    .fetch_one(pool)
    .await
}

pub async fn insert_message(pool: &PgPool, pid: i64, msg: &NewMessage, key: &str) -> sqlx::Result<i64> {
    let rec: (i64,) = sqlx::query_as(
        "INSERT INTO messages (patient_id, subject, body_enc, sent_at) \
         VALUES ($1, $2, pgp_sym_encrypt($3, $4), now()) RETURNING id",
    )
    .bind(pid)
    .bind(&msg.subject)  // LEAK(storage): message subject (free text about symptoms or meds) stored in a plaintext column while the body is encrypted
    .bind(&msg.body)  // SAFE(storage): body goes through pgp_sym_encrypt in the SQL text
    .bind(key)
    .fetch_one(pool)
    .await?;
    Ok(rec.0)
}

pub async fn login_row(pool: &PgPool, email: &str) -> sqlx::Result<Option<(i64, String)>> {
    sqlx::query_as("SELECT patient_id, pw_hash FROM portal_users WHERE email = $1")
        .bind(email)
        .fetch_optional(pool)
        .await
}
