use sqlx::PgPool;

/// Access/disclosure record for every job that reads or sends PHI.
pub async fn record(pool: &PgPool, job: &str, action: &str, subject_count: usize, destination: &str) -> anyhow::Result<()> {
    sqlx::query("INSERT INTO disclosure_audit (actor, job, action, subject_count, destination, at) VALUES ($1, $2, $3, $4, $5, now())")
        .bind("system:census-runner")
        .bind(job)
        .bind(action)
        .bind(subject_count as i32)
        .bind(destination)
        .execute(pool)
        .await?;
    Ok(())
}
