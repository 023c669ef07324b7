use log::info;
use serde::Deserialize;

use super::{Conflict, Ctx, Internal};
use crate::crypto::pairing_key;
use crate::model::Staff;
use crate::vendor;

#[derive(Debug, Deserialize)]
pub struct Enrolment {
    pub mrn: String,
    pub name: String,
    pub dob: String,
    pub device_serial: String,
    pub device_model: String,
    pub indication: String,
}

pub async fn enrol(staff: Staff, ctx: Ctx, data: Enrolment) -> Result<impl warp::Reply, warp::Rejection> {
    let client = ctx.pool.get().await.map_err(|_| warp::reject::custom(Internal))?;
    if let Some(row) = client.query_opt("SELECT patient_id FROM devices WHERE serial = $1", &[&data.device_serial]).await.map_err(|_| warp::reject::custom(Internal))? {
        let other: i64 = row.get(0);
        return Err(warp::reject::custom(Conflict(format!("device {} already paired to patient {} — cannot enrol {} (DOB {})", data.device_serial, other, data.name, data.dob)))); // LEAK(exposure): rejection text with name and DOB goes back in the error body
    }
    let last = data.name.split_whitespace().last().unwrap_or_default().to_string();
    let enrolment = vendor::find_enrolment(&ctx.vendor_http, &ctx.settings.vendor, &last, &data.dob, &data.device_serial).await.map_err(|_| warp::reject::custom(Internal))?;
    let row = client
        .query_one(
            "INSERT INTO patients (mrn, name, dob, indication, vendor_device_id) VALUES ($1, $2, $3, $4, $5) RETURNING id",
            &[&data.mrn, &data.name, &data.dob, &data.indication, &enrolment["deviceId"].as_str().unwrap_or_default()],
        )
        .await
        .map_err(|_| warp::reject::custom(Internal))?;
    let id: i64 = row.get(0);
    client
        .execute("INSERT INTO devices (serial, model, patient_id, pairing_key) VALUES ($1, $2, $3, $4)", &[&data.device_serial, &data.device_model, &id, &pairing_key(&data.device_serial, &data.dob)])
        .await
        .map_err(|_| warp::reject::custom(Internal))?;
    info!("enrolled patient {} by staff {}", id, staff.id); // SAFE(logging): surrogate ids
    Ok(warp::reply::json(&serde_json::json!({ "id": id })))
}

pub async fn get_patient(id: i64, _staff: Staff, ctx: Ctx) -> Result<impl warp::Reply, warp::Rejection> {
    let client = ctx.pool.get().await.map_err(|_| warp::reject::custom(Internal))?;
    let row = client
        .query_opt("SELECT id, mrn, name, dob, indication FROM patients WHERE id = $1", &[&id])
        .await
        .map_err(|_| warp::reject::custom(Internal))?
        .ok_or_else(warp::reject::not_found)?;
    Ok(warp::reply::json(&serde_json::json!({
        "id": row.get::<_, i64>(0), "mrn": row.get::<_, String>(1), "name": row.get::<_, String>(2),
        "dob": row.get::<_, String>(3), "indication": row.get::<_, String>(4),
    })))
}
