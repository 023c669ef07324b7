//! Identifier tokenisation (PHI_DOMAIN §2.3): split into lowercase tokens on separators,
//! camelCase and PascalCase boundaries, ALLCAPS runs and letter/digit boundaries. Matching is
//! always on whole tokens or joined n-grams of them, never on substrings, so `dob` matches
//! `patient_dob` but not `doubled`.

/// Splits an identifier (or a dotted path, or a string key) into lowercase tokens.
///
/// ```
/// use phi_lint::phi::tokenize;
/// assert_eq!(tokenize("patientSSN"), ["patient", "ssn"]);
/// assert_eq!(tokenize("date_of_birth"), ["date", "of", "birth"]);
/// assert_eq!(tokenize("HTTPServer2"), ["http", "server", "2"]);
/// assert_eq!(tokenize("icd10cm"), ["icd", "10", "cm"]);
/// ```
pub fn tokenize(ident: &str) -> Vec<String> {
    let mut out = Vec::new();
    tokenize_into(ident, &mut out);
    out
}

/// Like [`tokenize`], appending to `out`.
pub fn tokenize_into(ident: &str, out: &mut Vec<String>) {
    // Work in proportion to the text: a step per 64 bytes, so that tokenizing the text of
    // ever larger nodes shows in the file's step count ([`crate::budget::charge`]).
    crate::budget::charge(ident.len() as u64 / 64);
    let chars: Vec<char> = ident.chars().collect();
    let mut current = String::new();
    let flush = |current: &mut String, out: &mut Vec<String>| {
        if !current.is_empty() {
            out.push(std::mem::take(current));
        }
    };
    for i in 0..chars.len() {
        let c = chars[i];
        if !c.is_alphanumeric() {
            flush(&mut current, out);
            continue;
        }
        if let Some(&prev) = i.checked_sub(1).and_then(|j| chars.get(j)) {
            let boundary = if !prev.is_alphanumeric() {
                false
            } else if prev.is_ascii_digit() != c.is_ascii_digit()
                || (prev.is_lowercase() && c.is_uppercase())
            {
                true
            } else {
                // End of an ALLCAPS run: `SSNNumber` splits before `N` of `Number`.
                prev.is_uppercase()
                    && c.is_uppercase()
                    && chars.get(i + 1).is_some_and(|n| n.is_lowercase())
            };
            if boundary {
                flush(&mut current, out);
            }
        }
        // Lowercasing can add a combining mark (`İ` is `i` + U+0307): tokens keep only the
        // letters and digits (the classifier fuzz target's find).
        current.extend(c.to_lowercase().filter(|l| l.is_alphanumeric()));
    }
    flush(&mut current, out);
}

/// The tokens of an ASCII identifier run as byte ranges, with exactly the boundaries of
/// [`tokenize_into`] (which also lowercases): no allocation, for the per-file prefilter that
/// tokenises every identifier of every file.
pub fn ascii_token_spans(run: &[u8], out: &mut Vec<(usize, usize)>) {
    debug_assert!(run.is_ascii());
    let mut start: Option<usize> = None;
    for i in 0..run.len() {
        let c = run[i];
        if !c.is_ascii_alphanumeric() {
            if let Some(s) = start.take() {
                out.push((s, i));
            }
            continue;
        }
        if let Some(s) = start {
            let prev = run[i - 1];
            let boundary = prev.is_ascii_digit() != c.is_ascii_digit()
                || (prev.is_ascii_lowercase() && c.is_ascii_uppercase())
                || (prev.is_ascii_uppercase()
                    && c.is_ascii_uppercase()
                    && run.get(i + 1).is_some_and(|n| n.is_ascii_lowercase()));
            if boundary {
                out.push((s, i));
                start = Some(i);
            }
        } else {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        out.push((s, run.len()));
    }
}

/// Reusable buffers for [`ngrams`].
#[derive(Default, Debug)]
pub struct NgramScratch {
    tokens: Vec<String>,
    spans: Vec<(usize, usize)>,
    joined: Vec<u8>,
    key: String,
}

/// Calls `f` with every lowercased token and every join of up to `max_n` consecutive tokens
/// (no longer than `max_len` bytes) in the identifier-like runs of `text` (letters, digits,
/// `_`, `-` and spaces: `date_of_birth`, `dateOfBirth` and `"date of birth"` all yield
/// `dateofbirth`). Stops and returns `true` as soon as `f` does. ASCII runs, the common case,
/// are tokenised without allocating.
pub fn ngrams(
    text: &str,
    max_n: usize,
    max_len: usize,
    scratch: &mut NgramScratch,
    mut f: impl FnMut(&str) -> bool,
) -> bool {
    ngrams_with(text, max_n, max_len, scratch, |g| {
        if f(g) {
            Step::Stop
        } else {
            Step::More
        }
    })
}

/// What an n-gram walk does after one join (see [`ngrams_with`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// Stop the walk: [`ngrams_with`] returns `true`.
    Stop,
    /// Go on, and extend this join with the next token.
    More,
    /// Go on, but do not extend this join: nothing of interest starts with it.
    Enough,
}

/// [`ngrams`] where `f` also says whether a join is worth extending, so a walk over a term set
/// that knows its prefixes ([`TermSet`]) looks most tokens up once instead of `max_n` times.
pub fn ngrams_with(
    text: &str,
    max_n: usize,
    max_len: usize,
    scratch: &mut NgramScratch,
    mut f: impl FnMut(&str) -> Step,
) -> bool {
    let NgramScratch {
        tokens,
        spans,
        joined,
        key,
    } = scratch;
    for run in text.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == ' ' || c == '-')) {
        if run.len() < 2 {
            continue;
        }
        if run.is_ascii() {
            let bytes = run.as_bytes();
            spans.clear();
            ascii_token_spans(bytes, spans);
            for i in 0..spans.len() {
                joined.clear();
                for &(a, b) in spans.iter().skip(i).take(max_n) {
                    joined.extend(bytes[a..b].iter().map(u8::to_ascii_lowercase));
                    if joined.len() > max_len {
                        break;
                    }
                    // Lowercased ASCII is valid UTF-8.
                    match std::str::from_utf8(joined).map_or(Step::Enough, &mut f) {
                        Step::Stop => return true,
                        Step::More => {}
                        Step::Enough => break,
                    }
                }
            }
            continue;
        }
        tokens.clear();
        tokenize_into(run, tokens);
        for i in 0..tokens.len() {
            key.clear();
            for t in tokens.iter().skip(i).take(max_n) {
                key.push_str(t);
                if key.len() > max_len {
                    break;
                }
                match f(key) {
                    Step::Stop => return true,
                    Step::More => {}
                    Step::Enough => break,
                }
            }
        }
    }
    false
}

/// A set of joined, lowercased terms (`dateofbirth`) that also holds every prefix of every
/// term, so an n-gram walk over a text stops extending a join as soon as no term starts with
/// it: most tokens of source code (`const`, `return`) are looked up once.
#[derive(Clone, Debug, Default)]
pub struct TermSet {
    /// Every prefix of every term; `true` for the terms themselves.
    entries: rustc_hash::FxHashMap<Box<str>, bool>,
    /// Length of the longest term.
    longest: usize,
}

impl TermSet {
    /// The set of `terms` (already joined and lowercased).
    pub fn new<S: AsRef<str>>(terms: impl IntoIterator<Item = S>) -> TermSet {
        let mut set = TermSet::default();
        for term in terms {
            let term = term.as_ref();
            if term.is_empty() {
                continue;
            }
            set.longest = set.longest.max(term.len());
            for (end, _) in term.char_indices().skip(1) {
                set.entries.entry(term[..end].into()).or_insert(false);
            }
            set.entries.insert(term.into(), true);
        }
        set
    }

    /// Whether `term` is in the set.
    pub fn contains(&self, term: &str) -> bool {
        self.entries.get(term).copied().unwrap_or(false)
    }

    /// Calls `found` with each term (the set's own copy) among the tokens and joins of up to
    /// `max_n` tokens of `text`, as [`ngrams`] walks them; stops and returns `true` as soon as
    /// `found` does.
    pub fn scan<'s>(
        &'s self,
        text: &str,
        max_n: usize,
        scratch: &mut NgramScratch,
        mut found: impl FnMut(&'s str) -> bool,
    ) -> bool {
        ngrams_with(text, max_n, self.longest, scratch, |g| {
            match self.entries.get_key_value(g) {
                None => Step::Enough,
                Some((_, false)) => Step::More,
                Some((term, true)) => {
                    if found(term) {
                        Step::Stop
                    } else {
                        Step::More
                    }
                }
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::tokenize;

    /// The terms a naive walk finds: every join looked up, none pruned.
    fn naive(set: &super::TermSet, text: &str) -> Vec<String> {
        let mut scratch = super::NgramScratch::default();
        let mut out = Vec::new();
        super::ngrams(text, 4, set.longest, &mut scratch, |g| {
            if set.contains(g) {
                out.push(g.to_string());
            }
            false
        });
        out.sort();
        out
    }

    fn scanned(set: &super::TermSet, text: &str) -> Vec<String> {
        let mut scratch = super::NgramScratch::default();
        let mut out = Vec::new();
        set.scan(text, 4, &mut scratch, |t| {
            out.push(t.to_string());
            false
        });
        out.sort();
        out
    }

    /// `İ` lowercases to `i` and a combining dot: a token holds letters and digits only.
    #[test]
    fn lowercasing_adds_no_combining_marks() {
        assert_eq!(tokenize("İ"), ["i"]);
        assert_eq!(tokenize("patientİd"), ["patient", "id"]);
        for t in tokenize("DİAGNOSIS.İnfo") {
            assert!(t.chars().all(char::is_alphanumeric), "{t:?}");
        }
    }

    #[test]
    fn term_set_prunes_without_losing_terms() {
        let set = super::TermSet::new([
            "dateofbirth",
            "dob",
            "ssn",
            "patientname",
            "name",
            "ünïcode",
        ]);
        assert!(set.contains("dob") && !set.contains("dat") && !set.contains(""));
        for text in [
            "const dateOfBirth = p.date_of_birth; // \"date of birth\"",
            "patient_name, patientName, PATIENT-NAME and a name; adobe has no dob",
            "ssn_last4 SSN ssnValue x_ssn dob2 dobby",
            "Ünïcode ünïcode_name",
            "",
        ] {
            assert_eq!(scanned(&set, text), naive(&set, text), "{text}");
        }
        assert_eq!(
            scanned(&set, "const dateOfBirth = 1"),
            ["dateofbirth"],
            "a join that starts a term is extended until it is one"
        );
        // Early stop: `true` from the callback ends the walk.
        let mut scratch = super::NgramScratch::default();
        let mut seen = 0;
        assert!(set.scan("ssn dob name", 4, &mut scratch, |_| {
            seen += 1;
            true
        }));
        assert_eq!(seen, 1);
    }

    /// The pruned walk finds exactly what the naive one does with the real prefilter terms, on
    /// every fixture.
    #[test]
    fn term_set_agrees_with_the_naive_walk_on_fixtures() {
        let vocab = crate::phi::Vocabulary::default();
        let set = super::TermSet::new(vocab.prefilter_terms());
        let mut files = 0;
        crate::tree::for_each_fixture(|path, _, text, _| {
            files += 1;
            assert_eq!(scanned(&set, text), naive(&set, text), "{}", path.display());
        });
        assert!(files > 100, "{files}");
    }

    #[test]
    fn ngrams_join_runs_of_either_script() {
        let mut seen = Vec::new();
        let mut scratch = super::NgramScratch::default();
        let stopped = super::ngrams(
            "log(patientDOB, 'date of birth'); größe_Wert",
            4,
            64,
            &mut scratch,
            |g| {
                seen.push(g.to_string());
                false
            },
        );
        assert!(!stopped);
        for want in [
            "patient",
            "patientdob",
            "dob",
            "dateofbirth",
            "ofbirth",
            "größewert",
        ] {
            assert!(seen.iter().any(|g| g == want), "{want} in {seen:?}");
        }
        assert!(super::ngrams("a_dob", 4, 64, &mut scratch, |g| g == "dob"));
        // Joins longer than max_len are not offered.
        let mut long = Vec::new();
        super::ngrams("date_of_birth", 4, 6, &mut scratch, |g| {
            long.push(g.len());
            false
        });
        assert!(long.iter().all(|l| *l <= 6));
    }

    #[test]
    fn ascii_spans_match_the_tokenizer() {
        let cases = [
            "patient_dob",
            "PatientName",
            "SSNNumber",
            "hba1c",
            "request.form['ssn']",
            "__init__",
            "",
            "a",
            "A",
            "ABC",
            "ABCd",
            "x1Y2zZ",
            "get_HTTPResponse2XX_code",
            "date of birth-MRN_ID",
            "9lives",
            "_a_B_c_",
        ];
        for case in cases {
            let mut spans = Vec::new();
            super::ascii_token_spans(case.as_bytes(), &mut spans);
            let via_spans: Vec<String> = spans
                .iter()
                .map(|&(a, b)| case[a..b].to_ascii_lowercase())
                .collect();
            assert_eq!(via_spans, tokenize(case), "{case}");
        }
    }

    #[test]
    fn splits_all_boundary_kinds() {
        assert_eq!(tokenize("patient_dob"), ["patient", "dob"]);
        assert_eq!(tokenize("PatientName"), ["patient", "name"]);
        assert_eq!(tokenize("SSNNumber"), ["ssn", "number"]);
        assert_eq!(tokenize("hba1c"), ["hba", "1", "c"]);
        assert_eq!(tokenize("request.form['ssn']"), ["request", "form", "ssn"]);
        assert_eq!(tokenize("__init__"), ["init"]);
        assert_eq!(tokenize(""), Vec::<String>::new());
        assert_eq!(tokenize("Ünïcödé_name"), ["ünïcödé", "name"]);
    }
}
