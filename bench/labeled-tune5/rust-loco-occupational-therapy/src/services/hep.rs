//! Home exercise program (HEP) handouts drafted by an LLM.
use loco_rs::{app::AppContext, Error, Result};
use serde_json::json;

use super::setting;
use crate::models::_entities::{evaluations, patients};

pub async fn draft_hep(ctx: &AppContext, p: &patients::Model, eval: &evaluations::Model) -> Result<String> {
    let prompt = format!(
        "Write a home exercise program for {} {} (born {}), injury: {}. Grip L/R {:?}/{:?} kg, wrist flexion {:?} deg, QuickDASH {:?}. Restrictions: {}.",
        p.first_name,
        p.last_name,
        p.dob,
        p.injury_description.clone().unwrap_or_default(),
        eval.grip_left_kg,
        eval.grip_right_kg,
        eval.wrist_flexion_deg,
        eval.quickdash_score,
        eval.work_restrictions.clone().unwrap_or_default()
    );
    let body = json!({
        "model": "llama-3.1-70b-versatile",
        "messages": [{"role": "user", "content": prompt}],
    });
    let resp: serde_json::Value = reqwest::Client::new()
        .post(setting(ctx, "hep_llm_url")) // LEAK(exposure): name, DOB, injury and measurements sent to the Groq API
        .bearer_auth(std::env::var("GROQ_API_KEY").unwrap_or_default())
        .json(&body)
        .send()
        .await
        .map_err(Error::wrap)?
        .json()
        .await
        .map_err(Error::wrap)?;
    Ok(resp["choices"][0]["message"]["content"].as_str().unwrap_or_default().to_string())
}
