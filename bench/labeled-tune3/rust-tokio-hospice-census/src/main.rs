mod audit;
mod bereavement;
mod census;
mod config;
mod fhir;
mod model;
mod pharmacy;
mod portal;
mod routing;
mod telemetry;

use clap::{Parser, Subcommand};
use sqlx::postgres::PgPoolOptions;
use tracing::info;

use crate::config::Config;
use crate::fhir::Fhir;

/// Cedar Hollow Hospice nightly jobs. Runs from the k8s CronJob `census-runner`.
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    #[arg(long, env = "CEDAR_CONFIG", default_value = "config/hospice.toml")]
    config: String,
    #[arg(long, env = "DATABASE_URL")]
    database_url: String,
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Pull today's census, archive it and report it to the state.
    Census,
    /// Send comfort-kit orders to the partner pharmacy.
    Pharmacy,
    /// Enroll families of patients who died yesterday in bereavement mailings.
    Bereavement,
    /// Plan tomorrow's nurse routes from the branch office.
    Routes { lat: f64, lon: f64 },
    /// Publish family portal links.
    Portal,
    /// Match an inbound referral to an EHR patient.
    Reconcile { referral_id: String, family: String, given: String, birth_date: String },
    /// Exercise the pharmacy pipeline end to end without touching the census.
    SmokeTest,
}

// Pharmacy smoke test: ComfortKit's test lane only accepts this patient record.
const SMOKE_PATIENT: (&str, &str, &str) = ("MRN-000-FAKE", "Testy McPatient", "1 Fake Lane, Nowhere"); // LEAK(hardcoded): MRN, name and home address hard-coded in the production binary

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let _sentry = telemetry::init();
    let cli = Cli::parse();
    let cfg = Config::load(&cli.config)?;
    let pool = PgPoolOptions::new().max_connections(4).connect(&cli.database_url).await?;

    match cli.cmd {
        Cmd::Census => {
            let fhir = Fhir::connect(&cfg).await?;
            census::run(&cfg, &pool, &fhir).await?;
        }
        Cmd::Pharmacy => {
            let fhir = Fhir::connect(&cfg).await?;
            let rows = census::collect(&fhir).await?;
            pharmacy::send_orders(&cfg, &rows).await?;
        }
        Cmd::Bereavement => {
            let fhir = Fhir::connect(&cfg).await?;
            let rows = census::collect(&fhir).await?;
            bereavement::enroll_families(&cfg, &pool, &rows).await?;
        }
        Cmd::Routes { lat, lon } => {
            let fhir = Fhir::connect(&cfg).await?;
            let rows = census::collect(&fhir).await?;
            let trip = routing::plan_routes(&cfg, (lat, lon), &rows).await?;
            let km = trip["trips"][0]["distance"].as_f64().unwrap_or(0.0) / 1000.0;
            info!(km, "route ready for the nurse app sync");
        }
        Cmd::Portal => {
            let fhir = Fhir::connect(&cfg).await?;
            let rows = census::collect(&fhir).await?;
            let sent = portal::publish_links(&cfg, &pool, &rows).await?;
            info!(sent, "portal links published");
        }
        Cmd::Reconcile { referral_id, family, given, birth_date } => {
            let fhir = Fhir::connect(&cfg).await?;
            let found = fhir.find_patient(&family, &given, &birth_date).await?;
            info!("referral {} matched: {:?}", referral_id, found); // LEAK(logging): the matched FHIR Patient resource printed into the job log
            audit::record(&pool, "reconcile", "patient_lookup", found.is_some() as usize, "ehr").await?;
        }
        Cmd::SmokeTest => {
            let row = model::CensusRow {
                patient_id: "smoke".into(),
                mrn: SMOKE_PATIENT.0.into(),
                name: SMOKE_PATIENT.1.into(),
                birth_date: chrono::NaiveDate::from_ymd_opt(1940, 1, 1).unwrap(),
                admit_date: chrono::Utc::now().date_naive(),
                level_of_care: "routine".into(),
                terminal_dx: "C34.90".into(),
                home_address: SMOKE_PATIENT.2.into(),
                lat: 0.0,
                lon: 0.0,
                caregiver_name: String::new(),
                caregiver_email: None,
                death_date: None,
            };
            pharmacy::send_orders(&cfg, &[row]).await?;
        }
    }
    Ok(())
}
