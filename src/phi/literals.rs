//! Shape validators for identifier literals (PHI_DOMAIN §3.6): Social Security numbers, Medicare
//! Beneficiary Identifiers, phone numbers, email addresses, dates and ICD-10-CM codes.
//!
//! Every finder captures a candidate with a plain regex (the `regex` crate has no look-around)
//! and then validates it in code: SSA never-issued ranges, consistent separators, the MBI
//! alphabet, real calendar dates. Known sample values (the Woolworth SSN, `123-45-6789`, the CMS
//! sample MBI) are recognised so rules can report them at a lower level.
//!
//! These functions take arbitrary text from scanned files and must never panic: they only slice
//! at regex match boundaries and parse with checked arithmetic. They never allocate copies of
//! the value beyond what a caller asks for, and nothing here formats a value into a message.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

/// A Social Security number found in text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SsnMatch {
    /// Byte range of the number in the searched text.
    pub range: Range<usize>,
    /// Written with separators (`212-45-6789`, `212 45 6789`) rather than nine bare digits.
    pub separated: bool,
    /// A well-known sample or placeholder value (PHI_DOMAIN §3.6).
    pub sample: bool,
}

/// A Medicare Beneficiary Identifier found in text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MbiMatch {
    /// Byte range of the identifier in the searched text.
    pub range: Range<usize>,
    /// The CMS sample MBI from the card mock-up.
    pub sample: bool,
}

static SSN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b([0-9]{3})([- ]?)([0-9]{2})([- ]?)([0-9]{4})\b")
        .expect("the SSN pattern is a valid regex")
});

static MBI: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b[1-9][AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y0-9][0-9](-?)[AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y0-9][0-9](-?)[AC-HJKMNP-RT-Y]{2}[0-9]{2}\b",
    )
    .expect("the MBI pattern is a valid regex")
});

static ICD10: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b[A-TV-Z][0-9][0-9A-Z]\.[0-9A-Z]{1,4}\b|\bU0[0-9]\.[0-9]{1,4}\b")
        .expect("the ICD-10 pattern is a valid regex")
});

static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[A-Za-z0-9._%+-]{1,64}@([A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})+)$")
        .expect("the email pattern is a valid regex")
});

static DATE_YMD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([0-9]{4})([-/.]?)([0-9]{1,2})([-/.]?)([0-9]{1,2})(?:[T ][0-9:.+Z-]{0,20})?$")
        .expect("the date pattern is a valid regex")
});

static DATE_MDY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([0-9]{1,2})([-/.])([0-9]{1,2})([-/.])([0-9]{4})$")
        .expect("the date pattern is a valid regex")
});

static LABELLED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"([A-Za-z][A-Za-z_]{0,30}(?:[ -][A-Za-z][A-Za-z_]{0,30}){0,3})[ \t]*(?:[:=#]|\bno\.?)[ \t]*[\x22']?([A-Za-z0-9][A-Za-z0-9/.@+-]{3,40})")
        .expect("the labelled-value pattern is a valid regex")
});

/// Whether `text` has anything shaped like an SSN (a cheap superset test for the prefilter).
pub fn may_contain_ssn(text: &str) -> bool {
    SSN.is_match(text)
}

/// Whether `text` has anything shaped like an MBI (a cheap superset test for the prefilter).
pub fn may_contain_mbi(text: &str) -> bool {
    MBI.is_match(text)
}

/// A `label: value` pair found in free text (`MRN: 00482913`, `dob=1957-03-14`, `chart #
/// A-1234`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Labelled {
    /// Byte range of the label (one to four words).
    pub label: Range<usize>,
    /// Byte range of the value (no whitespace).
    pub value: Range<usize>,
}

/// `label: value` pairs in a comment or string, for callers to classify the label with the
/// shared vocabulary and validate the value's shape. At most 64 pairs are returned.
pub fn find_labelled_values(text: &str) -> Vec<Labelled> {
    LABELLED
        .captures_iter(text)
        .filter_map(|c| {
            Some(Labelled {
                label: c.get(1)?.range(),
                value: c.get(2)?.range(),
            })
        })
        .take(64)
        .collect()
}

/// Whether an SSN's parts could have been issued (SSA POMS RM 10201.035): area not `000`,
/// `666` or `900`-`999`, group not `00`, serial not `0000`.
pub fn ssn_parts_valid(area: &str, group: &str, serial: &str) -> bool {
    let (Ok(a), Ok(g), Ok(s)) = (
        area.parse::<u16>(),
        group.parse::<u8>(),
        serial.parse::<u16>(),
    ) else {
        return false;
    };
    area.len() == 3
        && group.len() == 2
        && serial.len() == 4
        && a != 0
        && a != 666
        && a < 900
        && g != 0
        && s != 0
}

/// Whether nine SSN digits (separators removed) are a well-known sample or placeholder:
/// `078-05-1120`, `219-09-9999`, `457-55-5462`, `123-45-6789` and repeated digits.
pub fn is_sample_ssn(digits: &str) -> bool {
    const SAMPLES: &[&str] = &["078051120", "219099999", "457555462", "123456789"];
    if SAMPLES.contains(&digits) {
        return true;
    }
    let mut chars = digits.chars();
    match chars.next() {
        Some(first) => digits.len() == 9 && chars.all(|c| c == first),
        None => false,
    }
}

/// Valid-format Social Security numbers in `text`. Unseparated nine-digit runs are included
/// (with `separated: false`); callers report those only next to an SSN-named key, because they
/// are mostly ZIP+4 codes, order numbers and phone fragments.
pub fn find_ssns(text: &str) -> Vec<SsnMatch> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    for caps in SSN.captures_iter(text) {
        let (Some(all), Some(area), Some(s1), Some(group), Some(s2), Some(serial)) = (
            caps.get(0),
            caps.get(1),
            caps.get(2),
            caps.get(3),
            caps.get(4),
            caps.get(5),
        ) else {
            continue;
        };
        if s1.as_str() != s2.as_str() {
            continue;
        }
        // Part of a longer dashed or dotted number (`1-212-45-6789`, `212-45-6789-01`, `1.212 45 6789`).
        let before = all.start().checked_sub(1).and_then(|i| bytes.get(i));
        let before2 = all.start().checked_sub(2).and_then(|i| bytes.get(i));
        let after = bytes.get(all.end());
        let after2 = bytes.get(all.end() + 1);
        let joined = |sep: Option<&u8>, digit: Option<&u8>| {
            matches!(sep, Some(b'-' | b'.' | b'/' | b'+'))
                && digit.is_some_and(|d| d.is_ascii_digit())
        };
        if joined(before, before2) || joined(after, after2) || matches!(before, Some(b'+')) {
            continue;
        }
        if !ssn_parts_valid(area.as_str(), group.as_str(), serial.as_str()) {
            continue;
        }
        let digits = format!("{}{}{}", area.as_str(), group.as_str(), serial.as_str());
        out.push(SsnMatch {
            range: all.range(),
            separated: !s1.as_str().is_empty(),
            sample: is_sample_ssn(&digits),
        });
    }
    out
}

/// Whether `text`, trimmed, is exactly one valid-format SSN, separated or not.
pub fn is_ssn(text: &str) -> bool {
    let t = text.trim();
    find_ssns(t)
        .first()
        .is_some_and(|m| m.range.start == 0 && m.range.end == t.len())
}

/// Medicare Beneficiary Identifiers in `text`: 11 characters, positions 2, 5, 8 and 9 letters
/// (no S, L, O, I, B, Z), positions 1, 4, 7, 10 and 11 digits, with either no dashes or both
/// print dashes (`1EG4-TE5-MK73`).
pub fn find_mbis(text: &str) -> Vec<MbiMatch> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    for caps in MBI.captures_iter(text) {
        let (Some(all), Some(d1), Some(d2)) = (caps.get(0), caps.get(1), caps.get(2)) else {
            continue;
        };
        if d1.as_str() != d2.as_str() {
            continue;
        }
        let before = all.start().checked_sub(1).and_then(|i| bytes.get(i));
        let after = bytes.get(all.end());
        if matches!(before, Some(b'-')) || matches!(after, Some(b'-')) {
            continue;
        }
        let compact: String = all.as_str().chars().filter(|c| *c != '-').collect();
        out.push(MbiMatch {
            range: all.range(),
            sample: compact == "1EG4TE5MK73",
        });
    }
    out
}

/// Whether `text` contains a dotted ICD-10-CM code (`E11.9`, `F32.A`, `U07.1`): health context.
pub fn has_icd10_code(text: &str) -> bool {
    ICD10.is_match(text)
}

/// Whether an email domain is reserved for documentation (RFC 2606 / RFC 6761).
fn is_reserved_domain(domain: &str) -> bool {
    let d = domain.to_ascii_lowercase();
    let reserved_sld = ["example.com", "example.net", "example.org"];
    reserved_sld
        .iter()
        .any(|r| d == *r || d.ends_with(&format!(".{r}")))
        || [".test", ".example", ".invalid", ".localhost", ".local"]
            .iter()
            .any(|tld| d.ends_with(tld))
        || d == "localhost"
}

/// Whether `text` is a personal-looking email address: well formed and not at a reserved
/// documentation domain (`example.com`, `*.test`).
pub fn is_email(text: &str) -> bool {
    let t = text.trim();
    match EMAIL.captures(t).and_then(|c| c.get(1)) {
        Some(domain) => !is_reserved_domain(domain.as_str()),
        None => false,
    }
}

/// Whether `text` is a North American phone number (10 digits, or 11 with a leading 1, in any
/// of the usual punctuations) outside the 555 exchange (`555-0100`–`555-0199` is reserved for
/// fiction, and the rest of 555 never reached personal lines: `(212) 555-1234` is the usual
/// made-up number), the unused area code 555, and typed-in placeholders whose local number is
/// one repeated digit (`(303) 333-3333`) or whose every group is (`222-333-4444`).
pub fn is_phone(text: &str) -> bool {
    let t = text.trim();
    if t.is_empty() || t.len() > 24 {
        return false;
    }
    // Bare digit runs are ids, not phone numbers.
    if t.chars().all(|c| c.is_ascii_digit()) {
        return false;
    }
    let Some(digits) = phone_digits(t) else {
        return false;
    };
    let national: &[u8] = match digits.len() {
        10 => &digits,
        11 if digits[0] == 1 => &digits[1..],
        _ => return false,
    };
    // NANP: area code and exchange start with 2-9.
    if national[0] < 2 || national[3] < 2 {
        return false;
    }
    // The 555 exchange is fiction's (`555-01xx` by reservation, the rest by convention); 555 is
    // no area code at all (`555-123-4567`).
    let fictional = national[3..6] == [5, 5, 5] || national[..3] == [5, 5, 5];
    let same = |g: &[u8]| g.iter().all(|d| *d == g[0]);
    let placeholder = same(&national[3..])
        || (same(&national[..3]) && same(&national[3..6]) && same(&national[6..]));
    !fictional && !placeholder
}

/// The digits of phone-shaped text (digits and the usual punctuation `-.()+` and spaces only).
fn phone_digits(t: &str) -> Option<Vec<u8>> {
    t.chars()
        .all(|c| c.is_ascii_digit() || " -.()+".contains(c))
        .then(|| {
            t.bytes()
                .filter(u8::is_ascii_digit)
                .map(|b| b - b'0')
                .collect()
        })
}

/// A calendar date written as `YYYY-MM-DD` (also `/`, `.` or no separator, optionally with a
/// time) or `MM/DD/YYYY`, returned as `(year, month, day)` when it is a real date.
pub fn parse_date(text: &str) -> Option<(u16, u8, u8)> {
    let t = text.trim();
    let (y, m, d) = if let Some(c) = DATE_YMD.captures(t) {
        if c.get(2)?.as_str() != c.get(4)?.as_str() {
            return None;
        }
        if c.get(2)?.as_str().is_empty() && (c.get(3)?.len() != 2 || c.get(5)?.len() != 2) {
            return None;
        }
        (
            c.get(1)?.as_str().parse::<u16>().ok()?,
            c.get(3)?.as_str().parse::<u8>().ok()?,
            c.get(5)?.as_str().parse::<u8>().ok()?,
        )
    } else if let Some(c) = DATE_MDY.captures(t) {
        if c.get(2)?.as_str() != c.get(4)?.as_str() {
            return None;
        }
        (
            c.get(5)?.as_str().parse::<u16>().ok()?,
            c.get(1)?.as_str().parse::<u8>().ok()?,
            c.get(3)?.as_str().parse::<u8>().ok()?,
        )
    } else {
        return None;
    };
    if !(1870..=2100).contains(&y) || !(1..=12).contains(&m) || d == 0 {
        return None;
    }
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    (d <= days).then_some((y, m, d))
}

/// Whether a date could be a birth or care date: a real calendar date not in the future.
pub fn is_past_date(year: u16, month: u8, day: u8) -> bool {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    // Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm), in plain integers.
    let days = (now / 86_400) as i64 + 719_468;
    let era = days.div_euclid(146_097);
    let doe = days.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (i64::from(year), i64::from(month), i64::from(day)) <= (y, m, d)
}

/// Whether `text` looks like a record number (MRN, member id, account number): 4 to 20
/// characters of letters, digits and dashes with at least four digits, and not a date.
pub fn is_record_number(text: &str) -> bool {
    let t = text.trim();
    (4..=20).contains(&t.len())
        && t.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        && t.chars().filter(char::is_ascii_digit).count() >= 4
        && !t.starts_with('-')
        && parse_date(t).is_none()
        && !repeated_digits(t)
        && !sequential_digits(t)
}

/// Whether the digits of `text` count up or down one at a time (`123456`, `MEM-123-456`,
/// `98765`): a typed-in placeholder, like repeated digits.
fn sequential_digits(text: &str) -> bool {
    let digits: Vec<u8> = text
        .bytes()
        .filter(u8::is_ascii_digit)
        .map(|b| b - b'0')
        .collect();
    if digits.len() < 4 {
        return false;
    }
    let step = |d: i8| {
        digits.windows(2).all(|w| {
            (i8::try_from(w[1]).unwrap_or(0) - i8::try_from(w[0]).unwrap_or(0)).rem_euclid(10)
                == d.rem_euclid(10)
        })
    };
    step(1) || step(-1)
}

/// Whether every digit in `text` is the same (`0000`, `XX-1111`): a placeholder.
fn repeated_digits(text: &str) -> bool {
    let mut digits = text.chars().filter(char::is_ascii_digit);
    match digits.next() {
        Some(first) => digits.all(|d| d == first),
        None => false,
    }
}

/// Whether `text` looks like a person's name: one to four words of letters (apostrophes,
/// hyphens and periods allowed), at least one capitalised, not a code-ish token.
pub fn is_person_name(text: &str) -> bool {
    let t = text.trim();
    if t.is_empty() || t.len() > 60 {
        return false;
    }
    let words: Vec<&str> = t.split_whitespace().collect();
    if words.is_empty() || words.len() > 4 {
        return false;
    }
    let wordlike = words.iter().all(|w| {
        // `CompactPatientBanner` is a CamelCase identifier, `McDonald` a name.
        let inner_caps = w
            .split(['\'', '-'])
            .map(|part| part.chars().skip(1).filter(|c| c.is_uppercase()).count())
            .max()
            .unwrap_or(0);
        inner_caps <= 1
            && w.chars().count() <= 24
            && w.chars().any(char::is_alphabetic)
            && w.chars()
                .all(|c| c.is_alphabetic() || matches!(c, '\'' | '-' | '.' | ','))
    });
    // Every word capitalised, except name particles (`de la Cruz`, `van der Berg`): a label
    // such as `Patient name` is not a name.
    const PARTICLES: &[&str] = &[
        "de", "la", "del", "der", "den", "van", "von", "da", "di", "du", "le", "bin", "al",
    ];
    let capitalised = words
        .iter()
        .all(|w| w.chars().next().is_some_and(char::is_uppercase) || PARTICLES.contains(w))
        && words
            .iter()
            .any(|w| w.chars().next().is_some_and(char::is_uppercase));
    // `ALLCAPS` single tokens are constants or enum names, not names.
    let constant = words.len() == 1 && t.chars().all(|c| !c.is_lowercase());
    // A role or a clinician's title (`Front Desk`, `Compliance Officer`, `Derm Provider`,
    // `Dr. Smith`) names the workforce, not a patient.
    const ROLES: &[&str] = &[
        "dr",
        "md",
        "rn",
        "np",
        "dds",
        "phd",
        "doctor",
        "physician",
        "nurse",
        "provider",
        "officer",
        "desk",
        "manager",
        "admin",
        "administrator",
        "staff",
        "receptionist",
        "coordinator",
        "assistant",
        "technician",
        "therapist",
        "director",
        "department",
        "team",
        "clinic",
        "billing",
        "support",
        "practitioner",
    ];
    let role = words.iter().any(|w| {
        let w = w.trim_matches(|c: char| !c.is_alphabetic()).to_lowercase();
        ROLES.contains(&w.as_str())
    });
    wordlike && capitalised && !constant && !role
}

/// Whether a name is a conventional placeholder (`John Doe`, `Jane Doe`, `Test Patient`).
pub fn is_placeholder_name(text: &str) -> bool {
    // Words, and the parts of a CamelCase word (`OnlyFirst`): `McDonald` splits into parts
    // that are no placeholder.
    let words: Vec<String> = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .flat_map(crate::phi::tokenize)
        .map(|w| w.to_lowercase())
        .collect();
    const PLACEHOLDERS: &[&str] = &[
        // Form-field words used as values: `Local Given`, `First Name`.
        "given",
        "family",
        "middle",
        "first",
        "last",
        "name",
        "surname",
        "local",
        "doe",
        "test",
        "tester",
        "sample",
        "example",
        "demo",
        "dummy",
        "fake",
        "foo",
        "bar",
        "baz",
        "anonymous",
        "unknown",
        "patient",
        "user",
        "placeholder",
        "lorem",
        "ipsum",
        "data",
        // Test-data words and roles typed where a name goes: `Updated`, `New Staff`,
        // `Client One`, `Admin User`.
        "updated",
        "new",
        "old",
        "original",
        "modified",
        "changed",
        "other",
        "another",
        "only",
        "one",
        "two",
        "three",
        "valid",
        "invalid",
        "default",
        "none",
        "null",
        "undefined",
        "mock",
        "stub",
        "temp",
        "client",
        "member",
        "person",
        "guest",
        "customer",
        "admin",
        "administrator",
        "staff",
        "employee",
        "manager",
        "supervisor",
        "clinician",
        "therapist",
        "provider",
        "investigator",
        "owner",
        "system",
        "integration",
        // Keyboard and alphabet runs: `abc`, `asdf`, `xyz`.
        "abc",
        "abcd",
        "abcde",
        "xyz",
        "asd",
        "asdf",
        "qwerty",
        "aaa",
        "xxx",
    ];
    words.iter().any(|w| PLACEHOLDERS.contains(&w.as_str()))
}

/// Words that say the data under a name is made up (`demoData`, `fake_patients`,
/// `MOCK_CLAIMS`, `sample-records/`), lowercase as [`crate::phi::tokenize`] yields them.
pub const MADE_UP_WORDS: &[&str] = &[
    "demo",
    "mock",
    "mocks",
    "fake",
    "fakes",
    "dummy",
    "sample",
    "samples",
    "synthetic",
    "stub",
];

/// Whether a name (a path component, a variable) has a word of [`MADE_UP_WORDS`] or of `more`.
pub fn names_made_up(name: &str, more: &[&str]) -> bool {
    crate::phi::tokenize(name)
        .iter()
        .any(|w| MADE_UP_WORDS.contains(&w.as_str()) || more.contains(&w.as_str()))
}

/// Whether a value marks the record it is in as made up: a phone number in the 555 exchange
/// (`(720) 555-0142`, `555-0201`), an email at a reserved domain (`jane@example.com`), or an id
/// that says so (`demo-patient-1`, `test_user_3`, `mock-42`, `fake-mrn`, `sample-7`).
pub fn is_synthetic_marker(text: &str) -> bool {
    let t = text.trim();
    if t.is_empty() || t.len() > 64 {
        return false;
    }
    let lower = t.to_ascii_lowercase();
    if ["demo", "test", "mock", "fake", "sample", "dummy", "example"]
        .iter()
        .any(|w| {
            lower
                .strip_prefix(w)
                .is_some_and(|rest| rest.starts_with(['-', '_']) && rest.len() > 1)
        })
    {
        return true;
    }
    if let Some(domain) = EMAIL.captures(t).and_then(|c| c.get(1)) {
        return is_reserved_domain(domain.as_str());
    }
    let Some(digits) = phone_digits(t) else {
        return false;
    };
    let local: &[u8] = match digits.len() {
        // `555-0201`; seven bare digits are a number, not a phone.
        7 if t.contains(['-', ' ', '.']) => &digits,
        10 => &digits[3..],
        11 if digits[0] == 1 => &digits[4..],
        _ => return false,
    };
    local[..3] == [5, 5, 5] || (digits.len() >= 10 && digits[digits.len() - 10..][..3] == [5, 5, 5])
}

/// Whether an email's local part is a placeholder (`abc@gmail.com`, `test.user1@gmail.com`,
/// `john.doe@...`): the words before the `@`, read as a name.
pub fn is_placeholder_email(text: &str) -> bool {
    let local = text.split('@').next().unwrap_or("");
    let words: String = local
        .chars()
        .map(|c| if c.is_alphabetic() { c } else { ' ' })
        .collect();
    is_placeholder_name(&words)
}

/// Masks identifier-shaped text for display: every letter and digit of an alphanumeric run
/// that contains a digit becomes `#` (so both `078-05-1120` and `1EG4TE5MK73` are hidden).
pub fn mask_alnum_with_digits(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        if run.chars().any(|c| c.is_ascii_digit()) {
            out.extend(run.chars().map(|_| '#'));
        } else {
            out.push_str(run);
        }
        run.clear();
    };
    for c in text.chars() {
        if c.is_alphanumeric() {
            run.push(c);
        } else {
            flush(&mut run, &mut out);
            out.push(c);
        }
    }
    flush(&mut run, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ssn_valid_and_invalid() {
        for ok in ["212-45-6789", "212 45 6789", "665-12-3456", "899-99-9999"] {
            assert!(is_ssn(ok), "{ok}");
        }
        assert!(is_ssn("212456789"));
        for bad in [
            "000-12-3456",
            "666-12-3456",
            "900-12-3456",
            "999-12-3456",
            "212-00-3456",
            "212-45-0000",
            "212-45 6789",
            "21-245-6789",
            "212-45-67890",
            "",
        ] {
            assert!(!is_ssn(bad), "{bad}");
        }
    }

    #[test]
    fn ssn_in_text() {
        let t = "patient 212-45-6789 and 1-212-45-6789 and 212-45-6789-01";
        let found = find_ssns(t);
        assert_eq!(found.len(), 1);
        assert_eq!(&t[found[0].range.clone()], "212-45-6789");
        assert!(found[0].separated && !found[0].sample);
        assert!(!find_ssns("order 212456789")[0].separated);
        assert!(find_ssns("build 2024-01-15").is_empty());
        assert!(find_ssns("call 617-555-0134").is_empty());
    }

    #[test]
    fn ssn_samples() {
        for s in [
            "078-05-1120",
            "123-45-6789",
            "111-11-1111",
            "219-09-9999",
            "457-55-5462",
        ] {
            let found = find_ssns(s);
            assert!(found.len() == 1 && found[0].sample, "{s}");
        }
        assert!(!find_ssns("212-45-6789")[0].sample);
    }

    #[test]
    fn mbi_format() {
        let found = find_mbis("mbi 2QK7-RV3-TW58 or 2QK7RV3TW58");
        assert_eq!(found.len(), 2);
        assert!(found.iter().all(|m| !m.sample));
        assert!(find_mbis("1EG4-TE5-MK73")[0].sample);
        for bad in [
            "0QK7RV3TW58",
            "2SK7RV3TW58",
            "2QK7-RV3TW58",
            "2qk7rv3tw58",
            "2QK7RV3TW581",
            "X2QK7RV3TW58",
        ] {
            assert!(find_mbis(bad).is_empty(), "{bad}");
        }
    }

    #[test]
    fn phones_emails_dates() {
        assert!(is_phone("(617) 423-8890"));
        assert!(is_phone("+1 617-423-8890"));
        assert!(!is_phone("617-555-0134"));
        for made_up in [
            "(720) 555-0142",
            "555-0201",
            "+1 555 201 3344",
            "jane@example.com",
            "demo-patient-1",
            "TEST_user_3",
            "mock-42",
        ] {
            assert!(is_synthetic_marker(made_up), "{made_up}");
        }
        for real_looking in [
            "(617) 423-8890",
            "5550123",
            "jane@gmail.com",
            "demographics",
            "testosterone",
            "P-000123",
        ] {
            assert!(!is_synthetic_marker(real_looking), "{real_looking}");
        }
        assert!(!is_phone("6174238890"));
        assert!(!is_phone("123-456-7890"));
        assert!(!is_phone("555-123-4567"));
        assert!(!is_phone("(212) 555-1234"));
        assert!(!is_phone("+1 (888) 555 0002"));
        assert!(!is_phone("(303) 333-3333"));
        assert!(!is_phone("+12223334444"));
        assert!(is_phone("+12027139680"));
        assert!(is_phone("(303) 333-3334"));
        assert!(is_email("zelda.q@fakemail.invalid.org"));
        assert!(!is_email("jane@example.com"));
        assert!(!is_email("noreply@clinic.test"));
        assert!(!is_email("not an email"));
        assert_eq!(parse_date("1957-03-14"), Some((1957, 3, 14)));
        assert_eq!(parse_date("03/14/1957"), Some((1957, 3, 14)));
        assert_eq!(parse_date("19570314"), Some((1957, 3, 14)));
        assert_eq!(parse_date("1957-02-30"), None);
        assert_eq!(parse_date("1957-03/14"), None);
        assert_eq!(parse_date("v1.2.3"), None);
        assert!(has_icd10_code("dx E11.9"));
        assert!(has_icd10_code("U07.1"));
        assert!(!has_icd10_code("version E11"));
    }

    #[test]
    fn names_and_numbers() {
        assert!(is_person_name("Zelda Testperson"));
        assert!(is_person_name("O'Neil-Smith"));
        assert!(!is_person_name("ACTIVE"));
        assert!(!is_person_name("snake_case_value"));
        assert!(!is_person_name("lowercase words"));
        assert!(!is_person_name("Patient name"));
        assert!(!is_person_name("CompactPatientBannerRow"));
        assert!(is_person_name("McDonald"));
        assert!(is_past_date(1957, 3, 14));
        assert!(!is_past_date(2099, 1, 1));
        assert!(is_person_name("Maria de la Cruz"));
        for role in [
            "Front Desk",
            "Compliance Officer",
            "Derm Provider",
            "Dr. Smith",
            "Jane Smith, MD",
        ] {
            assert!(!is_person_name(role), "{role}");
        }
        assert!(
            is_person_name("Drew Barrymore"),
            "a name starting with the letters of a title"
        );
        assert!(!is_record_number("0XX0XX0XX00"));
        assert!(is_placeholder_name("John Doe"));
        assert!(!is_placeholder_name("Zelda Testperson"));
        assert!(is_placeholder_name("Local Given"));
        assert!(is_placeholder_name("Updated"));
        assert!(is_placeholder_name("OnlyFirst"));
        assert!(is_placeholder_name("SensitiveData"));
        assert!(!is_placeholder_name("Zelda McTestface"));
        assert!(!is_record_number("MEM123456"));
        assert!(!is_record_number("MEM-123-456"));
        assert!(!is_record_number("98765"));
        assert!(is_record_number("MEM482913"));
        assert!(is_record_number("MRN-00482913"));
        assert!(is_record_number("00482913"));
        assert!(!is_record_number("abc"));
        assert!(!is_record_number("2024-01-15"));
    }

    #[test]
    fn labelled_values() {
        let t = "# MRN: 00482913, date of birth = 1957-03-14; chart no. A-1234 {mrn}";
        let found: Vec<(&str, &str)> = find_labelled_values(t)
            .into_iter()
            .map(|l| (&t[l.label], &t[l.value]))
            .collect();
        assert_eq!(
            found,
            vec![
                ("MRN", "00482913"),
                ("date of birth", "1957-03-14"),
                ("chart", "A-1234")
            ]
        );
        assert!(find_labelled_values("mrn: {mrn} dob=%s").is_empty());
    }

    #[test]
    fn masking() {
        assert_eq!(mask_alnum_with_digits("id 1EG4TE5MK73!"), "id ###########!");
        assert_eq!(mask_alnum_with_digits("212-45-6789"), "###-##-####");
    }

    #[test]
    fn never_panics_on_odd_input() {
        let inputs = [
            "",
            "é",
            "٣٣٣-٣٣-٣٣٣٣",
            "\u{0}\u{ffff}212-45-6789\u{10ffff}",
            "1-",
            "-",
            "((((",
            "9999-99-99",
            "12/31/99999999999999999999",
        ];
        for t in inputs {
            let _ = find_ssns(t);
            let _ = find_mbis(t);
            let _ = is_phone(t);
            let _ = is_email(t);
            let _ = parse_date(t);
            let _ = is_record_number(t);
            let _ = is_person_name(t);
            let _ = mask_alnum_with_digits(t);
            let _ = has_icd10_code(t);
            let _ = find_labelled_values(t);
        }
    }
}
