use sqlx::postgres::PgPoolOptions;
use sqlx::PgPool;
use uuid::Uuid;

#[derive(Clone)]
pub struct AuditLog {
    pool: PgPool,
}

impl AuditLog {
    pub async fn connect(url: &str) -> anyhow::Result<Self> {
        let pool = PgPoolOptions::new().max_connections(4).connect(url).await?;
        Ok(Self { pool })
    }

    /// `member_ref` must be the HMAC pseudonym, never the raw member id.
    pub async fn record(&self, action: &str, member_ref: &str, claim_id: Option<Uuid>) -> anyhow::Result<()> {
        sqlx::query("INSERT INTO worker_audit (actor, action, member_ref, claim_id, at) VALUES ('claims-worker', $1, $2, $3, now())")
            .bind(action)
            .bind(member_ref)
            .bind(claim_id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}
