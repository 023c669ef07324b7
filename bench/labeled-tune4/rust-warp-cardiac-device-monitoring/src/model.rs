use serde::{Deserialize, Serialize};

/// A home-monitor transmission as the bedside unit uploads it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Transmission {
    pub transmission_id: String,
    pub device_serial: String,
    pub device_model: String,
    pub patient_name: String,
    pub patient_dob: String,
    pub battery_years: f32,
    pub lead_impedance_ohms: Vec<u32>,
    pub episodes: Vec<Episode>,
    pub pacing_percent: f32,
    pub received_at: chrono::DateTime<chrono::Utc>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Episode {
    pub kind: String, // AF, VT, VF, SVT, pause
    pub started_at: String,
    pub duration_s: u32,
    pub max_rate_bpm: u32,
    pub therapy: Option<String>, // ATP, shock
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Staff {
    pub id: i32,
    pub role: String,
}
