//! Structure-aware: deep and long syntactic shapes in rust ([`shapes::program`]), through the
//! whole per-file analysis; a crash, an analysis that runs out of budget, or one whose steps
//! are not linear in the tree is a finding ([`harness::check`]).
#![no_main]

use libfuzzer_sys::arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;

#[path = "../gen/mod.rs"]
mod gen;

use gen::{harness, shapes, shapes::Lang};

fuzz_target!(|data: &[u8]| {
    gen::init();
    let mut u = Unstructured::new(data);
    let lang = Lang::Rust;
    let Ok(text) = shapes::program(&mut u, lang, gen::MAX_BYTES) else {
        return;
    };
    harness::check(lang, &text);
});
