use deadpool_postgres::{Config, ManagerConfig, Pool, RecyclingMethod, Runtime};
use tokio_postgres::NoTls;

use crate::settings::Postgres;

pub fn pool(cfg: &Postgres) -> anyhow::Result<Pool> {
    let mut pg = Config::new();
    pg.host = Some(cfg.host.clone());
    pg.dbname = Some(cfg.dbname.clone());
    pg.user = Some(cfg.user.clone());
    pg.password = std::env::var("RW_PG_PASSWORD").ok();
    pg.manager = Some(ManagerConfig { recycling_method: RecyclingMethod::Fast });
    Ok(pg.create_pool(Some(Runtime::Tokio1), NoTls)?) // LEAK(transmission): NoTls connector: patient and transmission rows cross the network to pg.rhythmwatch.internal in clear
}
