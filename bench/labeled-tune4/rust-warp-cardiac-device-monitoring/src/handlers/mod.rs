pub mod episodes;
pub mod patients;
pub mod transmissions;
pub mod webhooks;

use std::sync::{Arc, Mutex};

use deadpool_postgres::Pool;

use crate::kafka::Bus;
use crate::settings::Settings;
use crate::spool::{AlertCache, Spool};

#[derive(Clone)]
pub struct Ctx {
    pub pool: Pool,
    pub bus: Bus,
    pub settings: Settings,
    pub http: reqwest::Client,
    pub vendor_http: reqwest::Client,
    pub spool: Arc<Mutex<Spool>>,
    pub alert_cache: Arc<Mutex<AlertCache>>,
}

#[derive(Debug)]
pub struct Conflict(pub String);
impl warp::reject::Reject for Conflict {}

#[derive(Debug)]
pub struct Internal;
impl warp::reject::Reject for Internal {}
