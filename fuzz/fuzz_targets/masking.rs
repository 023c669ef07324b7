//! Snippet masking and display names: never panic, never echo three or more consecutive digits
//! of the input (a digit run could be an MRN, SSN or phone number), in any script: fullwidth
//! `１２３` or Arabic-Indic `١٢٣` digits are digits too.
#![no_main]

use libfuzzer_sys::fuzz_target;
use phi_lint::engine::mask_snippet;
use phi_lint::flow::display_name;

fn longest_digit_run(s: &str) -> usize {
    let (mut best, mut cur) = (0, 0);
    for c in s.chars() {
        if c.is_numeric() {
            cur += 1;
            best = best.max(cur);
        } else {
            cur = 0;
        }
    }
    best
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let masked = mask_snippet(text);
    assert_eq!(
        longest_digit_run(&masked),
        0,
        "mask_snippet({text:?}) = {masked:?}"
    );
    let segments: Vec<&str> = text.split('.').collect();
    let shown = display_name(&segments);
    assert!(
        longest_digit_run(&shown) < 3,
        "display_name({segments:?}) = {shown:?}"
    );
    assert!(shown.chars().count() <= 60);
});
