//! MongoDB casebook plus a redis read cache.
use bson::{doc, Bson, Document};
use deadpool_redis::{redis::AsyncCommands, Pool as RedisPool};
use mongodb::{Client, Collection, Database};
use serde::{Deserialize, Serialize};

use crate::seal::Sealer;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RelativeDoc {
    pub relation: String,
    pub condition: String,
    pub age_at_dx: i32,
    pub deceased: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct VariantDoc {
    pub gene: String,
    pub hgvs_c: String,
    pub hgvs_p: String,
    pub classification: String,
    pub lab_report_id: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CaseDoc {
    #[serde(rename = "_id")]
    pub case_id: String,
    pub mrn: String,
    pub first_name: String,
    pub last_name: String,
    pub dob: String,
    pub email: String,
    pub indication: String,
    pub notes_sealed: Option<String>,
    pub consent_sealed: Option<String>,
    pub family_key: String,
    #[serde(default)]
    pub relatives: Vec<RelativeDoc>,
    #[serde(default)]
    pub variants: Vec<VariantDoc>,
}

#[derive(Clone)]
pub struct Store {
    db: Database,
    cache: RedisPool,
}

impl Store {
    pub async fn connect(mongo_uri: &str, redis: RedisPool) -> anyhow::Result<Self> {
        let client = Client::with_uri_str(mongo_uri).await?;
        Ok(Self { db: client.database("casebook"), cache: redis })
    }

    fn cases(&self) -> Collection<CaseDoc> {
        self.db.collection("cases")
    }

    pub async fn audit(&self, mut event: Document) {
        event.insert("at", Bson::DateTime(bson::DateTime::now()));
        if let Err(e) = self.db.collection::<Document>("audit_events").insert_one(event).await {
            tracing::error!(error = %e, "audit insert failed");
        }
    }

    pub async fn case(&self, case_id: &str) -> anyhow::Result<Option<CaseDoc>> {
        let mut conn = self.cache.get().await?;
        if let Ok(Some(json)) = conn.get::<_, Option<String>>(format!("case:{case_id}")).await {
            return Ok(Some(serde_json::from_str(&json)?));
        }
        let found = self.cases().find_one(doc! { "_id": case_id }).await?;
        if let Some(c) = &found {
            let _: () = conn.set_ex(format!("case:{case_id}"), serde_json::to_string(c)?, 1800).await?; // LEAK(storage): full case (identity, indication, variants) cached in redis
        }
        Ok(found)
    }

    pub async fn set_relatives(&self, case_id: &str, relatives: &[RelativeDoc]) -> anyhow::Result<()> {
        let rel = bson::to_bson(relatives)?;
        self.cases().update_one(doc! { "_id": case_id }, doc! { "$set": { "relatives": rel } }).await?; // LEAK(storage): relatives' diagnoses stored unsealed while notes and consent are sealed
        self.invalidate(case_id).await
    }

    pub async fn add_note(&self, sealer: &Sealer, case_id: &str, note: &str) -> anyhow::Result<()> {
        self.cases().update_one(doc! { "_id": case_id }, doc! { "$set": { "notes_sealed": sealer.seal(note) } }).await?; // SAFE(storage): counselling note sealed before write
        self.invalidate(case_id).await
    }

    pub async fn push_variant(&self, case_id: &str, v: &VariantDoc) -> anyhow::Result<()> {
        self.cases().update_one(doc! { "_id": case_id }, doc! { "$push": { "variants": bson::to_bson(v)? } }).await?;
        self.invalidate(case_id).await
    }

    pub async fn cases_with_gene(&self, gene: &str) -> anyhow::Result<Vec<CaseDoc>> {
        use futures_util::TryStreamExt;
        Ok(self.cases().find(doc! { "variants.gene": gene }).await?.try_collect().await?)
    }

    async fn invalidate(&self, case_id: &str) -> anyhow::Result<()> {
        let mut conn = self.cache.get().await?;
        let _: () = conn.del(format!("case:{case_id}")).await?;
        Ok(())
    }
}
