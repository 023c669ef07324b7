use serde::Serialize;
use sqlx::{FromRow, PgPool};

#[derive(Debug, Clone, FromRow, Serialize)]
pub struct PatientLink {
    pub id: i64,
    pub link_key: String,
    pub ehr_patient_id: String,
    pub partner_id: String,
    pub phone: Option<String>,
    pub ssn_enc: Option<Vec<u8>>,
}

pub struct NewLink<'a> {
    pub mrn: &'a str,
    pub ehr_patient_id: &'a str,
    pub partner_id: &'a str,
    pub phone: Option<&'a str>,
    pub ssn_enc: Option<Vec<u8>>,
}

#[derive(Clone)]
pub struct LinkRepo {
    pool: PgPool,
}

impl LinkRepo {
    pub fn new(pool: PgPool) -> Self {
        Self { pool }
    }

    #[tracing::instrument(skip(self, link), fields(partner = %link.partner_id))] // SAFE(logging): arguments skipped, only the partner id recorded
    pub async fn insert(&self, link: &NewLink<'_>) -> sqlx::Result<i64> {
        sqlx::query_scalar("INSERT INTO patient_links (link_key, ehr_patient_id, partner_id, phone, ssn_enc) VALUES ($1, $2, $3, $4, $5) RETURNING id")
            .bind(crate::crypto::link_key(link.mrn))
            .bind(link.ehr_patient_id)
            .bind(link.partner_id)
            .bind(link.phone) // LEAK(storage): phone stored in plaintext in the table that encrypts the SSN
            .bind(&link.ssn_enc)
            .fetch_one(&self.pool)
            .await
    }

    #[tracing::instrument(skip(self))] // LEAK(logging): the mrn argument becomes a span field
    pub async fn find_by_mrn(&self, mrn: &str) -> sqlx::Result<Option<PatientLink>> {
        sqlx::query_as::<_, PatientLink>("SELECT * FROM patient_links WHERE link_key = $1")
            .bind(crate::crypto::link_key(mrn))
            .fetch_optional(&self.pool)
            .await
    }

    pub async fn all(&self) -> sqlx::Result<Vec<PatientLink>> {
        sqlx::query_as::<_, PatientLink>("SELECT * FROM patient_links ORDER BY id").fetch_all(&self.pool).await
    }

    pub async fn delete(&self, id: i64) -> sqlx::Result<Option<PatientLink>> {
        sqlx::query_as::<_, PatientLink>("DELETE FROM patient_links WHERE id = $1 RETURNING *").bind(id).fetch_optional(&self.pool).await
    }
}
