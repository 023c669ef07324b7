use async_openai::types::{ChatCompletionRequestUserMessageArgs, CreateChatCompletionRequestArgs};
use async_openai::Client as OpenAi;
use log::{info, warn};
use serde_json::json;

use crate::model::{Episode, Transmission};
use crate::settings::Alerts;

/// Red alerts (VT/VF with shock, lead failure) page the on-call device nurse.
pub async fn page_on_call(http: &reqwest::Client, cfg: &Alerts, tx: &Transmission, ep: &Episode) -> anyhow::Result<()> {
    let routing_key = std::env::var(&cfg.pagerduty_routing_key_env)?;
    let event = json!({
        "routing_key": routing_key,
        "event_action": "trigger",
        "payload": {
            "summary": format!("{} {} ({}): {} {}s max {} bpm, therapy {:?}", tx.patient_name, tx.patient_dob, tx.device_serial, ep.kind, ep.duration_s, ep.max_rate_bpm, ep.therapy),
            "severity": "critical",
            "source": "rhythmwatch",
        }
    });
    let resp = http.post("https://events.pagerduty.com/v2/enqueue").json(&event).send().await?; // LEAK(exposure): patient name, DOB and arrhythmia sent to PagerDuty
    if !resp.status().is_success() {
        warn!("pagerduty rejected event for transmission {} ({})", tx.transmission_id, resp.status()); // SAFE(logging): transmission id and HTTP status
    }
    Ok(())
}

/// Drafts the interpretation note the device nurse edits before the physician signs.
pub async fn draft_interpretation(cfg: &Alerts, tx: &Transmission) -> anyhow::Result<String> {
    let client = OpenAi::new();
    let prompt = format!(
        "Write a remote-monitoring interpretation note.\nPatient: {} DOB {}\nDevice: {} {}\nBattery {} years, pacing {}%\nEpisodes: {}",
        tx.patient_name,
        tx.patient_dob,
        tx.device_model,
        tx.device_serial,
        tx.battery_years,
        tx.pacing_percent,
        serde_json::to_string(&tx.episodes)?
    );
    let request = CreateChatCompletionRequestArgs::default()
        .model(&cfg.summary_model)
        .messages([ChatCompletionRequestUserMessageArgs::default().content(prompt).build()?.into()])
        .build()?;
    let response = client.chat().create(request).await?; // LEAK(exposure): identified transmission sent to the OpenAI API
    let note = response.choices.first().and_then(|c| c.message.content.clone()).unwrap_or_default();
    info!("draft note for {}: {}", tx.patient_name, note); // LEAK(logging): patient name and the drafted clinical note in the app log
    Ok(note)
}
