use poem::http::StatusCode;
use poem::web::{Data, Path};
use poem::{handler, Body, Error, Result};
use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel, Set};

use crate::crypto::unseal;
use crate::entities::{exam, patient};
use crate::state::AppState;

/// Fundus photo from the retinal camera: stored, then graded for diabetic retinopathy.
#[handler]
pub async fn upload_fundus(state: Data<&AppState>, Path(exam_id): Path<i32>, body: Body) -> Result<String> {
    let bytes = body.into_vec().await.map_err(|_| Error::from_status(StatusCode::BAD_REQUEST))?;
    let e = exam::Entity::find_by_id(exam_id).one(&state.db).await.ok().flatten().ok_or_else(|| Error::from_status(StatusCode::NOT_FOUND))?;
    let p = patient::Entity::find_by_id(e.patient_id).one(&state.db).await.ok().flatten().ok_or_else(|| Error::from_status(StatusCode::NOT_FOUND))?;
    let name = unseal(&p.name_enc).unwrap_or_default();

    let path = format!("{}/{}_{}.jpg", state.settings.storage.imaging_dir, name.replace(' ', "_"), e.exam_date);
    tokio::fs::write(&path, &bytes).await.map_err(|_| Error::from_status(StatusCode::INTERNAL_SERVER_ERROR))?; // LEAK(storage): unencrypted retinal image on disk, file named after the patient

    let form = reqwest::multipart::Form::new()
        .text("patient_name", name.clone())
        .text("dob", unseal(&p.dob_enc).unwrap_or_default())
        .text("diabetic", p.diabetic_status.clone().unwrap_or_default())
        .part("image", reqwest::multipart::Part::bytes(bytes).file_name("fundus.jpg"));
    let grade: serde_json::Value = state
        .http
        .post(&state.settings.integrations.retina_ai_url) // LEAK(exposure): fundus photo with name, DOB and diabetes status sent to the AI grading vendor (no BAA on file)
        .multipart(form)
        .send()
        .await
        .map_err(|_| Error::from_status(StatusCode::BAD_GATEWAY))?
        .json()
        .await
        .map_err(|_| Error::from_status(StatusCode::BAD_GATEWAY))?;

    let mut am = e.into_active_model();
    am.fundus_key = Set(Some(path));
    am.update(&state.db).await.map_err(|_| Error::from_status(StatusCode::INTERNAL_SERVER_ERROR))?;
    Ok(grade["grade"].as_str().unwrap_or("ungradable").to_string())
}
