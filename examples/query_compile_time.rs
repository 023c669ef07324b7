//! Prints how long the joined rule queries take to compile per grammar. Query analysis is the
//! largest fixed cost of a small scan (a pre-commit run), so watch this number when adding
//! patterns: `cargo run --release --example query_compile_time`.

use std::time::{Duration, Instant};

fn main() {
    for lang in phi_lint::lang::Language::ALL {
        let mut best = Duration::MAX;
        let mut patterns = 0;
        for _ in 0..3 {
            let t = Instant::now();
            let compiled =
                phi_lint::engine::compile(lang, phi_lint::rules::ALL).expect("queries compile");
            best = best.min(t.elapsed());
            patterns = compiled.map_or(0, |q| q.query.pattern_count());
        }
        println!(
            "{:<11} {:>3} distinct patterns  {:>8.2?}",
            lang.name(),
            patterns,
            best
        );
    }
}
