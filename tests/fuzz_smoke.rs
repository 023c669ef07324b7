//! The fuzz smoke run CI can afford: the structure-aware generators of the `nest_*` fuzz
//! targets (`fuzz/gen/`), driven by seeded bytes instead of libFuzzer, through the same checks
//! (no crash, analysis within budget, steps linear in the tree). libFuzzer needs an
//! instrumented release build of the whole crate, several minutes on CI's two cores; this runs
//! in the test binary already built. `fuzz/run.sh` runs the real fuzzers.

#[path = "../fuzz/gen/mod.rs"]
mod gen;

use arbitrary::Unstructured;
use gen::shapes::{self, Lang};

/// Deterministic input bytes for case `seed` (xorshift64*).
fn bytes(seed: u64, len: usize) -> Vec<u8> {
    let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    (0..len)
        .map(|_| {
            x ^= x >> 12;
            x ^= x << 25;
            x ^= x >> 27;
            (x.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 56) as u8
        })
        .collect()
}

#[test]
fn generated_deep_and_long_shapes_are_analysed_within_budget_in_linear_steps() {
    gen::init();
    let _ = gen::harness::BUDGET.set(std::time::Duration::from_secs(600));
    let langs = [
        Lang::Python,
        Lang::JavaScript,
        Lang::TypeScript,
        Lang::Tsx,
        Lang::Rust,
    ];
    let mut cases = 0;
    let mut deepest = 0;
    for lang in langs {
        for seed in 0..8u64 {
            let data = bytes(seed * 7 + lang as u64, 64);
            let mut u = Unstructured::new(&data);
            let Ok(text) = shapes::program(&mut u, lang, 64 << 10) else {
                continue;
            };
            let result = gen::harness::check(lang, &text);
            deepest = deepest.max(text.lines().count());
            cases += 1;
            assert!(result.scanned || result.skipped, "{lang:?} seed {seed}");
        }
    }
    assert!(cases >= 35, "{cases} cases generated");
    assert!(
        deepest > 10_000,
        "the generator reached only {deepest} lines"
    );
}
