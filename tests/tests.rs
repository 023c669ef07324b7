//! All integration tests build into one binary (ripgrep style): the fixture harness, CLI
//! end-to-end tests, SARIF contract and schema tests, and registry meta-tests.

mod audit;
mod bounds;
mod cli;
mod config;
mod dev_builds;
mod flow;
mod fuzz_smoke;
mod hierarchy;
mod hostile;
mod leak;
mod packaging;
mod partial;
mod registry;
mod robustness;
mod rules;
mod sarif;
mod sarif_multitool;
mod server;
mod session;
mod shard;
mod sinks;
mod streams;
mod support;
mod workflow;
