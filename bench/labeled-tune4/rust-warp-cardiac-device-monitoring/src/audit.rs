//! Access audit. Clinic routes add `.and(audit::scope(db, "action"))`: the filter writes one row per
//! request (staff id, action, path) before the handler runs, and fails the request if the write fails.
use deadpool_postgres::Pool;
use warp::filters::path::FullPath;
use warp::Filter;

use crate::model::Staff;

#[derive(Debug)]
pub struct AuditUnavailable;
impl warp::reject::Reject for AuditUnavailable {}

pub async fn write(pool: &Pool, actor: Option<i32>, action: &str, path: &str) -> anyhow::Result<()> {
    let client = pool.get().await?;
    client
        .execute("INSERT INTO audit_events (at, actor_id, action, path) VALUES (now(), $1, $2, $3)", &[&actor, &action, &path])
        .await?;
    Ok(())
}

pub fn scope(
    pool: Pool,
    action: &'static str,
) -> impl Filter<Extract = (Staff,), Error = warp::Rejection> + Clone {
    crate::auth::staff()
        .and(warp::path::full())
        .and_then(move |staff: Staff, path: FullPath| {
            let pool = pool.clone();
            async move {
                write(&pool, Some(staff.id), action, path.as_str())
                    .await
                    .map_err(|_| warp::reject::custom(AuditUnavailable))?;
                Ok::<_, warp::Rejection>(staff)
            }
        })
}
