use poem::http::StatusCode;
use poem::web::{Data, Json, Path};
use poem::{handler, Error, Result};
use sea_orm::EntityTrait;
use serde::Deserialize;
use serde_json::json;

use crate::crypto::{unseal, wearer_ref};
use crate::entities::{exam, patient};
use crate::state::AppState;

#[derive(Debug, Deserialize)]
pub struct FrameChoice {
    pub frame_sku: String,
    pub lens: String,
    pub coatings: Vec<String>,
    pub pd_mm: f32,
    pub ship_to: Option<String>,
}

#[handler]
pub async fn order_glasses(state: Data<&AppState>, Path(exam_id): Path<i32>, Json(choice): Json<FrameChoice>) -> Result<Json<serde_json::Value>> {
    let e = exam::Entity::find_by_id(exam_id).one(&state.db).await.ok().flatten().ok_or_else(|| Error::from_status(StatusCode::NOT_FOUND))?;
    let p = patient::Entity::find_by_id(e.patient_id).one(&state.db).await.ok().flatten().ok_or_else(|| Error::from_status(StatusCode::NOT_FOUND))?;
    let name = unseal(&p.name_enc).unwrap_or_default();
    let dob = unseal(&p.dob_enc).unwrap_or_default();
    let last = name.split_whitespace().last().unwrap_or("").to_string();
    let job = json!({
        "wearer": { "name": name, "ref": wearer_ref(&last, &dob) },
        "rx": { "od": [e.od_sphere, e.od_cylinder, e.od_axis], "os": [e.os_sphere, e.os_cylinder, e.os_axis], "add": e.add_power, "pd": choice.pd_mm },
        "frame": choice.frame_sku,
        "lens": choice.lens,
        "coatings": choice.coatings,
    });
    let resp = state.lab_http.post(&state.settings.integrations.optical_lab_url).json(&job).send().await.map_err(|e| Error::from_string(e.to_string(), StatusCode::BAD_GATEWAY))?;
    if !resp.status().is_success() {
        eprintln!("optical lab rejected job {}: {}", job, resp.status()); // LEAK(logging): whole lab job (wearer name, Rx) printed to stderr
        return Err(Error::from_status(StatusCode::BAD_GATEWAY));
    }
    Ok(Json(json!({ "submitted": true })))
}

#[handler]
pub async fn order_contacts(state: Data<&AppState>, Path(exam_id): Path<i32>, Json(choice): Json<FrameChoice>) -> Result<Json<serde_json::Value>> {
    let e = exam::Entity::find_by_id(exam_id).one(&state.db).await.ok().flatten().ok_or_else(|| Error::from_status(StatusCode::NOT_FOUND))?;
    let p = patient::Entity::find_by_id(e.patient_id).one(&state.db).await.ok().flatten().ok_or_else(|| Error::from_status(StatusCode::NOT_FOUND))?;
    let order = json!({
        "patient": unseal(&p.name_enc),
        "ship_to": choice.ship_to,
        "od": e.od_sphere, "os": e.os_sphere,
        "brand": choice.lens,
    });
    state.http.post(&state.settings.integrations.contact_lens_supplier_url).json(&order).send().await.map_err(|_| Error::from_status(StatusCode::BAD_GATEWAY))?;
    Ok(Json(json!({ "submitted": true })))
}
