//! Generators and checks shared by the structure-aware fuzz targets and `tests/fuzz_smoke.rs`.

#![allow(dead_code)]

pub mod harness;
pub mod shapes;

/// The largest program a structure-aware target generates: deep enough for 100,000 levels,
/// within the default 4 MiB file limit.
pub const MAX_BYTES: usize = 1 << 20;

/// Once per process, before any tree-sitter object: parse memory is counted and capped as in
/// the binary.
pub fn init() {
    phi_lint::alloc::install_parse_accounting();
}
