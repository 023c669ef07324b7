//! Next-day visit routes for field nurses.
use reqwest::Client;
use serde_json::Value;
use tracing::{info, warn};

use crate::config::Config;
use crate::model::CensusRow;

pub async fn plan_routes(cfg: &Config, nurse_base: (f64, f64), rows: &[CensusRow]) -> anyhow::Result<Value> { // LEAK(audit): sends every patient's home location out with no disclosure_audit row
    let token = std::env::var("CEDAR_MAPBOX_TOKEN")?;
    let client = Client::new();
    let mut coords = vec![format!("{},{}", nurse_base.1, nurse_base.0)];
    for row in rows.iter().filter(|r| r.death_date.is_none()) {
        if row.lat == 0.0 {
            let geo: Value = client
                .get(format!("https://api.mapbox.com/search/geocode/v6/forward?q={}&access_token={}", row.home_address, token)) // LEAK(exposure): patient home address sent to Mapbox in the URL
                .send()
                .await?
                .json()
                .await?;
            match geo["features"][0]["geometry"]["coordinates"].as_array() {
                Some(c) => coords.push(format!("{},{}", c[0], c[1])),
                None => warn!(patient_id = %row.patient_id, "address could not be geocoded"), // SAFE(logging): EHR surrogate id only
            }
        } else {
            coords.push(format!("{},{}", row.lon, row.lat));
        }
    }
    let trip: Value = client
        .get(format!("{}/{}?roundtrip=true&access_token={}", cfg.routing.mapbox_base, coords.join(";"), token)) // LEAK(exposure): exact home coordinates of every patient sent to Mapbox
        .send()
        .await?
        .json()
        .await?;
    info!(stops = coords.len() - 1, "route planned");
    Ok(trip)
}
