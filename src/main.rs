//! The `phi-lint` binary: parse the command line, call the library, map the outcome to an
//! exit code (0 clean, 1 findings, 2 usage error or incomplete scan). No lint logic lives here.

#![allow(clippy::result_large_err)]

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;
use phi_lint::cli::{Cli, ColorChoice, Command, RulesArgs, ScanArgs};
use phi_lint::error::Error;
use phi_lint::output::{self, Format};
use phi_lint::rules::{self, Level};
use phi_lint::settings::{ConfigFile, Overrides, Settings};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let _ = miette::set_hook(Box::new(move |_| {
        Box::new(
            miette::MietteHandlerOpts::new()
                .wrap_lines(false)
                .color(color)
                .terminal_links(false)
                .build(),
        )
    }));
    let result = match cli.command {
        Command::Scan(args) => scan(args),
        Command::Rules(args) => list_rules(&args),
        Command::Explain { rule } => explain(&rule),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("{:?}", miette::Report::new(err));
            ExitCode::from(2)
        }
    }
}

fn scan(args: ScanArgs) -> Result<ExitCode, Error> {
    let overrides = Overrides {
        config: args.config.clone(),
        select: args.select.clone(),
        ignore: args.ignore.clone(),
        exclude: args.exclude.clone(),
        min_confidence: args.min_confidence.map(Into::into),
        threads: args.threads,
        snippets: args.snippets,
        max_file_size: args.max_file_size,
        isolated: args.isolated,
        no_prefilter: args.no_prefilter,
    };
    let config = match (&args.config, args.isolated) {
        (Some(path), _) => match ConfigFile::load(path)? {
            Some(c) => Some((path.clone(), c)),
            None => {
                return Err(Error::Usage(format!(
                    "{} has no [tool.phi-lint] table",
                    path.display()
                )))
            }
        },
        (None, true) => None,
        (None, false) => ConfigFile::discover(&args.paths[0])?,
    };
    let settings = Settings::resolve(config, &overrides, &args.paths)?;
    let report = if args.parse_only {
        phi_lint::parse_only(&settings, &args.paths)
    } else {
        phi_lint::check(&settings, &args.paths)
    };

    let format = args
        .format
        .or_else(|| args.output.as_deref().and_then(Format::from_extension))
        .unwrap_or(Format::Text);
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            args.output.is_none()
                && std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none()
        }
    };
    let ctx = output::Context {
        rules: &settings.rules,
        color,
    };
    let mut buf = Vec::new();
    output::write(format, &report, &ctx, &mut buf)
        .map_err(|e| Error::Usage(format!("cannot render output: {e}")))?;
    match &args.output {
        Some(path) => write_atomically(path, &buf)?,
        None => {
            let mut stdout = std::io::stdout().lock();
            if let Err(e) = stdout.write_all(&buf).and_then(|_| stdout.flush()) {
                if e.kind() != std::io::ErrorKind::BrokenPipe {
                    return Err(Error::Usage(format!(
                        "cannot write to standard output: {e}"
                    )));
                }
            }
        }
    }
    if format != Format::Text || args.output.is_some() {
        for n in &report.notifications {
            eprintln!(
                "phi-lint: {}: {}: {}",
                serde_json::to_value(n.level)
                    .ok()
                    .and_then(|v| v.as_str().map(String::from))
                    .unwrap_or_default(),
                n.path,
                n.message
            );
        }
    }
    if report.has_errors() {
        return Ok(ExitCode::from(2));
    }
    let fail: Level = args.fail_level.into();
    if report.diagnostics.iter().any(|d| d.level >= fail) {
        Ok(ExitCode::from(1))
    } else {
        Ok(ExitCode::SUCCESS)
    }
}

/// Writes to a temporary file beside `path`, then renames it over `path`, so an interrupted run
/// never leaves a truncated report for CI to upload.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "report".into());
    let tmp: PathBuf = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let err = |source| Error::Write {
        path: path.to_path_buf(),
        source,
    };
    std::fs::write(&tmp, bytes).map_err(err)?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        err(e)
    })
}

fn list_rules(args: &RulesArgs) -> Result<ExitCode, Error> {
    if args.json {
        let rows: Vec<_> = rules::ALL
            .iter()
            .map(|r| {
                serde_json::json!({
                    "code": r.code, "name": r.name, "category": r.category.tag(), "level": r.level,
                    "precision": r.confidence, "hipaa": r.safeguards.iter().map(|s| s.citation()).collect::<Vec<_>>(),
                    "summary": r.short_description(),
                })
            })
            .collect();
        println!(
            "{}",
            serde_json::to_string_pretty(&rows).unwrap_or_default()
        );
        return Ok(ExitCode::SUCCESS);
    }
    println!(
        "{:<7} {:<28} {:<25} {:<8} HIPAA",
        "CODE", "NAME", "CATEGORY", "LEVEL"
    );
    for r in rules::ALL {
        println!(
            "{:<7} {:<28} {:<25} {:<8} {}",
            r.code,
            r.name,
            r.category.tag(),
            r.level.as_str(),
            r.citation()
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn explain(key: &str) -> Result<ExitCode, Error> {
    let rule = rules::find(key).ok_or_else(|| Error::UnknownSelector(key.to_string()))?;
    println!("# {} {}\n", rule.code, rule.name);
    let cites: Vec<String> = rule
        .safeguards
        .iter()
        .map(|s| format!("45 CFR {}", s.citation()))
        .collect();
    println!(
        "Category: {}. Default level: {}. Precision: {}. HIPAA: {}.\n",
        rule.category.tag(),
        rule.level,
        rule.confidence.as_str(),
        cites.join(", ")
    );
    print!("{}", rule.docs);
    Ok(ExitCode::SUCCESS)
}
