mod audit;
mod clearinghouse;
mod config;
mod crypto;
mod jobs;
mod model;
mod queue;
mod storage;

use std::path::PathBuf;

use clap::{Parser, Subcommand};
use tracing::info;

#[derive(Parser)]
#[command(name = "claims-worker", version)]
struct Cli {
    #[arg(long, env = "WORKER_CONFIG", default_value = "config/worker.toml")]
    config: String,
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Consume jobs from the inbound queue until SIGTERM.
    Run,
    /// Build the nightly reconciliation file for the mainframe from spooled claims.
    ReconExport {
        #[arg(long)]
        input: PathBuf,
        #[arg(long)]
        out: PathBuf,
    },
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt().json().with_env_filter(tracing_subscriber::EnvFilter::from_default_env()).init();
    let _sentry = sentry::init((
        std::env::var("SENTRY_DSN").unwrap_or_default(),
        sentry::ClientOptions { release: sentry::release_name!(), send_default_pii: false, ..Default::default() },
    ));

    let cli = Cli::parse();
    let cfg = config::Config::load(&cli.config)?;

    match cli.cmd {
        Cmd::Run => {
            let aws = aws_config::load_from_env().await;
            let ctx = jobs::Ctx {
                clearinghouse: clearinghouse::Clearinghouse::new(cfg.clearinghouse.clone())?,
                archive: storage::Archive::new(aws_sdk_s3::Client::new(&aws), cfg.s3.clone(), &cfg.spool),
                audit: audit::AuditLog::connect(&cfg.audit.database_url).await?,
                http: reqwest::Client::new(),
                llm: cfg.llm.clone(),
            };
            tokio::select! {
                res = queue::consume(&cfg.amqp, ctx) => res?,
                _ = tokio::signal::ctrl_c() => info!("shutting down"),
            }
        }
        Cmd::ReconExport { input, out } => {
            let mut lines = Vec::new();
            let mut dir = tokio::fs::read_dir(&input).await?;
            while let Some(entry) = dir.next_entry().await? {
                let bytes = tokio::fs::read(entry.path()).await?;
                if let Ok(claim) = serde_json::from_slice::<model::Claim>(&bytes) {
                    lines.push(format!(
                        "{}|{}|{}|{}|{}",
                        claim.claim_id,
                        claim.member.member_id,
                        claim.member.last_name,
                        claim.member.dob,
                        claim.diagnosis_codes.join("^")
                    ));
                }
            }
            let body = crypto::recon_encrypt(lines.join("\n").as_bytes());
            tokio::fs::write(&out, body).await?;
            info!(records = lines.len(), out = %out.display(), "recon export written"); // SAFE(logging): count and path
        }
    }
    Ok(())
}
