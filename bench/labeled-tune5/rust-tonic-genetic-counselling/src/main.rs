mod audit;
mod auth;
mod config;
mod jobs;
mod lab;
mod outreach;
mod seal;
mod service;
mod store;

pub mod pb {
    tonic::include_proto!("gc.v1");
}

use clap::{Parser, Subcommand};
use deadpool_redis::{Config as RedisConfig, Runtime};
use tonic::transport::{Identity, Server, ServerTlsConfig};
use tracing_subscriber::EnvFilter;

use crate::{audit::AuditLayer, auth::Authn, config::Config, lab::LabClient, outreach::Outreach, pb::counselling_server::CounsellingServer, seal::Sealer, service::CounsellingSvc, store::Store};

/// Production canary case: the on-call engineer opens it after every deploy.
const CANARY_MRN: &str = "GC-00418827"; // LEAK(hardcoded): a real-format patient MRN hard-coded for the deploy canary

#[derive(Parser)]
struct Cli {
    #[arg(long, default_value = "/etc/gc-casebook/casebook.toml")]
    config: String,
    #[command(subcommand)]
    cmd: Option<Cmd>,
}

#[derive(Subcommand)]
enum Cmd {
    Serve,
    Recontact {
        #[arg(long)]
        gene: String,
        #[arg(long)]
        class: String,
    },
    Canary,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt().json().with_env_filter(EnvFilter::from_default_env()).init();
    let _sentry = sentry::init((std::env::var("SENTRY_DSN").unwrap_or_default(), sentry::ClientOptions { send_default_pii: false, ..Default::default() })); // SAFE(logging): no default PII to Sentry

    let cli = Cli::parse();
    let cfg = Config::load(&cli.config)?;
    let redis = RedisConfig::from_url(cfg.redis.url.clone()).create_pool(Some(Runtime::Tokio1))?;
    let store = Store::connect(&cfg.mongo.uri, redis).await?;
    let outreach = Outreach::new(cfg.clone())?;

    match cli.cmd.unwrap_or(Cmd::Serve) {
        Cmd::Recontact { gene, class } => {
            let n = jobs::recontact_sweep(&store, &outreach, &gene, &class).await?;
            println!("recontacted {n} patients");
        }
        Cmd::Canary => {
            let found = store.case(CANARY_MRN).await?.is_some();
            println!("canary case present: {found}");
        }
        Cmd::Serve => {
            let authn = Authn::new(&std::fs::read(std::env::var("GC_JWT_PUBLIC_PEM")?)?, &cfg.auth.issuer, &cfg.auth.audience)?;
            let svc = CounsellingSvc {
                store: store.clone(),
                sealer: Sealer::from_env()?,
                lab: LabClient::connect(&cfg.lab.order_endpoint).await?,
                outreach,
                scratch_dir: cfg.export.scratch_dir.clone(),
            };
            let identity = Identity::from_pem(std::fs::read(&cfg.server.tls_cert)?, std::fs::read(&cfg.server.tls_key)?);
            Server::builder()
                .tls_config(ServerTlsConfig::new().identity(identity))? // SAFE(transmission): gRPC server terminates TLS itself
                .layer(AuditLayer::new(store))
                .add_service(CounsellingServer::with_interceptor(svc, move |req| authn.intercept(req)))
                .serve(cfg.server.listen.parse()?)
                .await?;
        }
    }
    Ok(())
}
