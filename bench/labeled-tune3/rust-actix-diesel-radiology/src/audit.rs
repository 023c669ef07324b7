use actix_session::SessionExt;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::{web, Error};
use diesel::prelude::*;

use crate::models::NewAudit;
use crate::schema::access_audit;
use crate::DbPool;

/// Wrapped around every scope that serves patient data (see main.rs).
pub async fn audit_trail(req: ServiceRequest, next: Next<impl MessageBody>) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let actor: String = req.get_session().get("radiologist_id").ok().flatten().unwrap_or_else(|| "anonymous".into());
    let method = req.method().to_string();
    let path = req.path().to_string();
    let pool = req.app_data::<web::Data<DbPool>>().cloned();
    let res = next.call(req).await?;
    if let Some(pool) = pool {
        let status = res.status().as_u16() as i32;
        web::block(move || {
            let mut conn = pool.get()?;
            diesel::insert_into(access_audit::table)
                .values(NewAudit { actor: &actor, method: &method, path: &path, status })
                .execute(&mut conn)?;
            Ok::<_, anyhow::Error>(())
        })
        .await
        .ok();
    }
    Ok(res)
}

pub fn record(pool: &DbPool, actor: &str, method: &str, path: &str, status: i32) -> anyhow::Result<()> {
    let mut conn = pool.get()?;
    diesel::insert_into(access_audit::table).values(NewAudit { actor, method, path, status }).execute(&mut conn)?;
    Ok(())
}
