use std::time::Duration;

use rdkafka::config::ClientConfig;
use rdkafka::producer::{FutureProducer, FutureRecord};

use crate::crypto::analytics_ref;
use crate::model::Transmission;
use crate::settings::Kafka;

#[derive(Clone)]
pub struct Bus {
    clinical: FutureProducer,
    analytics: FutureProducer,
    cfg: Kafka,
}

impl Bus {
    pub fn new(cfg: &Kafka) -> anyhow::Result<Self> {
        let clinical: FutureProducer = ClientConfig::new()
            .set("bootstrap.servers", &cfg.brokers)
            .set("security.protocol", &cfg.security_protocol)
            .set("enable.ssl.certificate.verification", if cfg.ssl_verify { "true" } else { "false" })
            .set("message.timeout.ms", "10000")
            .create()?;
        let analytics: FutureProducer = ClientConfig::new()
            .set("bootstrap.servers", &cfg.analytics_brokers)
            .set("security.protocol", &cfg.analytics_protocol)
            .create()?;
        Ok(Self { clinical, analytics, cfg: cfg.clone() })
    }

    pub async fn publish_transmission(&self, tx: &Transmission) -> anyhow::Result<()> {
        let body = serde_json::to_string(tx)?;
        self.clinical
            .send(FutureRecord::to(&self.cfg.transmissions_topic).key(&tx.device_serial).payload(&body), Duration::from_secs(5)) // LEAK(storage): whole transmission (name, DOB, episodes) retained on the Kafka topic unencrypted
            .await
            .map_err(|(e, _)| anyhow::anyhow!(e))?;
        Ok(())
    }

    pub async fn publish_alert(&self, transmission_id: &str, kind: &str) -> anyhow::Result<()> {
        let body = serde_json::json!({ "transmission_id": transmission_id, "kind": kind }).to_string();
        self.clinical
            .send(FutureRecord::to(&self.cfg.alerts_topic).key(transmission_id).payload(&body), Duration::from_secs(5)) // SAFE(storage): alert message carries the transmission id and alert kind only
            .await
            .map_err(|(e, _)| anyhow::anyhow!(e))?;
        Ok(())
    }

    pub async fn mirror_for_analytics(&self, patient_id: i64, tx: &Transmission) -> anyhow::Result<()> {
        let body = serde_json::json!({
            "subject": analytics_ref(patient_id),
            "model": tx.device_model,
            "episodes": tx.episodes.iter().map(|e| (&e.kind, e.duration_s)).collect::<Vec<_>>(),
            "age_band": age_band(&tx.patient_dob),
        })
        .to_string();
        self.analytics
            .send(FutureRecord::to("cied.episodes.v1").key(&tx.device_model).payload(&body), Duration::from_secs(5))
            .await
            .map_err(|(e, _)| anyhow::anyhow!(e))?;
        Ok(())
    }
}

fn age_band(dob: &str) -> &'static str {
    let year: i32 = dob.get(0..4).and_then(|y| y.parse().ok()).unwrap_or(1950);
    match 2024 - year {
        a if a >= 80 => "80+",
        a if a >= 65 => "65-79",
        a if a >= 40 => "40-64",
        _ => "<40",
    }
}
