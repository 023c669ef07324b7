use futures_lite::StreamExt;
use lapin::options::{BasicAckOptions, BasicConsumeOptions, BasicNackOptions, BasicQosOptions};
use lapin::types::FieldTable;
use lapin::{Connection, ConnectionProperties};
use tracing::{error, info};

use crate::config;
use crate::jobs::{self, Ctx};
use crate::model::Job;

pub async fn consume(cfg: &config::Amqp, ctx: Ctx) -> anyhow::Result<()> {
    let conn = Connection::connect(&cfg.url, ConnectionProperties::default()).await?;
    let channel = conn.create_channel().await?;
    channel.basic_qos(cfg.prefetch, BasicQosOptions::default()).await?;
    let mut consumer = channel
        .basic_consume(&cfg.queue, "claims-worker", BasicConsumeOptions::default(), FieldTable::default())
        .await?;
    info!(queue = %cfg.queue, "consuming");

    while let Some(delivery) = consumer.next().await {
        let delivery = delivery?;
        let job: Job = match serde_json::from_slice(&delivery.data) {
            Ok(job) => job,
            Err(e) => {
                error!(payload = %String::from_utf8_lossy(&delivery.data), error = %e, "unparseable job"); // LEAK(logging): raw job payload (claims/members) logged
                delivery.nack(BasicNackOptions { requeue: false, ..Default::default() }).await?;
                continue;
            }
        };
        let kind = job.kind();
        match jobs::handle(&ctx, job).await {
            Ok(()) => delivery.ack(BasicAckOptions::default()).await?,
            Err(e) => {
                error!(kind, error = %e, "job failed; dead-lettering");
                delivery.nack(BasicNackOptions { requeue: false, ..Default::default() }).await?;
            }
        }
    }
    Ok(())
}
