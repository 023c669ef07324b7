//! Where the query cursor's time goes, for one language over a directory: its time with every
//! rule's patterns against a trivial one-pattern query (the cost of walking the tree at all),
//! and each compiled pattern's match count with the rules that use it. The cursor pays for every
//! match of every pattern, whether or not a rule is active in the file, so patterns that match
//! most nodes are the ones to align with another rule's (compiled once) or to narrow.
//!
//! `cargo run --release --example query_matches -- DIR typescript`

use std::time::{Duration, Instant};

use phi_lint::lang::Language;
use tree_sitter::{Parser, Query, QueryCursor, StreamingIterator, Tree};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(dir), Some(name)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: query_matches DIR LANGUAGE (python, javascript, typescript, tsx, rust)");
        std::process::exit(2);
    };
    let Some(lang) = Language::ALL.into_iter().find(|l| l.name() == name) else {
        eprintln!("unknown language {name}");
        std::process::exit(2);
    };
    let mut texts = Vec::new();
    for entry in ignore::Walk::new(dir).flatten() {
        if Language::from_path(entry.path()) == Some(lang) {
            if let Ok(text) = std::fs::read_to_string(entry.path()) {
                texts.push(text);
            }
        }
    }
    let mut parser = Parser::new();
    parser.set_language(&lang.grammar()).expect("grammar loads");
    let start = Instant::now();
    let trees: Vec<Tree> = texts.iter().filter_map(|t| parser.parse(t, None)).collect();
    let parse = start.elapsed();

    let compiled = phi_lint::engine::compile(lang, phi_lint::rules::ALL)
        .expect("queries compile")
        .expect("some rule covers the language");
    let trivial = Query::new(&lang.grammar(), "(ERROR) @x").expect("trivial query compiles");
    let mut counts = vec![0usize; compiled.query.pattern_count()];
    // Best of three, to damp a shared machine's noise.
    let time = |query: &Query, counts: &mut Vec<usize>| -> Duration {
        let mut best = Duration::MAX;
        for _ in 0..3 {
            counts.iter_mut().for_each(|c| *c = 0);
            let start = Instant::now();
            for (tree, text) in trees.iter().zip(&texts) {
                let mut cursor = QueryCursor::new();
                let mut matches = cursor.matches(query, tree.root_node(), text.as_bytes());
                while let Some(m) = matches.next() {
                    if let Some(c) = counts.get_mut(m.pattern_index) {
                        *c += 1;
                    }
                }
            }
            best = best.min(start.elapsed());
        }
        best
    };
    let all = time(&compiled.query, &mut counts);
    let walk = time(&trivial, &mut vec![0]);
    println!(
        "{} {} files: parse {} ms; query cursor with all {} patterns {} ms, with one trivial pattern {} ms; {} matches",
        texts.len(),
        lang.name(),
        parse.as_millis(),
        counts.len(),
        all.as_millis(),
        walk.as_millis(),
        counts.iter().sum::<usize>()
    );
    let mut order: Vec<usize> = (0..counts.len()).collect();
    order.sort_by_key(|p| std::cmp::Reverse(counts[*p]));
    for p in order {
        let rules: Vec<&str> = compiled.uses[p]
            .iter()
            .map(|u| phi_lint::rules::ALL[u.rule].code)
            .collect();
        let source = &compiled.sources[p];
        println!("{:>9}  {:<40} {source}", counts[p], rules.join(","));
    }
}
