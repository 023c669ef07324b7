//! PHI201 phi-written-to-file.

use tree_sitter::Node;

use crate::declare_rule;
use crate::engine::{Checker, Match};
use crate::flow::{self, Evidence, Purpose};
use crate::tree::NodeExt;

use super::{last_tokens, origin_text, positional, stored};

declare_rule! {
    /// ## What it does
    /// Flags PHI written to local files in plaintext: Python `open(...).write/writelines`,
    /// `Path.write_text/write_bytes`, `json.dump`, `pickle.dump`, `csv` writers, `shelve` and
    /// pandas `to_csv/to_json/to_parquet/to_excel/to_pickle` of PHI frames, and `INSERT`/
    /// `UPDATE` statements with PHI parameters on a `sqlite3.connect(<file>)` connection; Node
    /// `fs.writeFile(Sync)`, `fs.appendFile(Sync)` and `fs.createWriteStream(...).write`; Rust
    /// `std::fs::write`, `File::create` + `write_all`/`write!`/`writeln!` and
    /// `serde_json::to_writer` into a file, and rusqlite `Connection::open(<file>)` +
    /// `execute("INSERT ...", params![...])`. Values are followed through local variables and
    /// string building; only encryption before the write clears them.
    ///
    /// Also CSV files written with the Rust `csv` crate (`Writer::from_path(..)` then
    /// `serialize(&row)` or `write_record(..)`).
    ///
    /// Also React Native and Expo file writes: `FileSystem.writeAsStringAsync(uri, data)`
    /// (expo-file-system) and `RNFS.writeFile(path, data)`.
    ///
    /// Rows written through a Python `csv.DictWriter` carry the columns its `fieldnames`
    /// declare (`["mrn", "patient_name", "dob"]`, inline or a constant of the file), whatever the
    /// rows are called. A file named after the patient (`fs.writeFile` or `std::fs::write` with a
    /// path built from `p.lastName` or `p.mrn`) is reported too: directory listings and backups
    /// keep the name.
    ///
    /// ## Why is this bad?
    /// Files outlive the request that wrote them: they are copied into backups, swept up by
    /// support bundles, left on shared disks and laptops, and read by anyone with file-system
    /// access. Unencrypted PHI at rest defeats the encryption safeguard (45 CFR
    /// 164.312(a)(2)(iv)) and the integrity safeguard (164.312(c)(1)), and a lost disk becomes a
    /// reportable breach.
    ///
    /// ## Example
    /// ```python
    /// with open("export.json", "w") as fh:
    ///     json.dump({"ssn": patient.ssn, "dob": patient.dob}, fh)
    /// ```
    ///
    /// ## Use instead
    /// Encrypt before writing (the key lives in a KMS or secret store, not next to the file):
    /// ```python
    /// token = Fernet(key).encrypt(json.dumps(record).encode())
    /// Path("export.bin").write_bytes(token)
    /// ```
    ///
    /// ## Known limitations
    /// A path on an encrypted volume is not recognised. Writes through helpers defined in other
    /// files are not followed.
    ///
    /// ## References
    /// - 45 CFR 164.312(a)(2)(iv) (encryption and decryption), 164.312(c)(1) (integrity)
    /// - CWE-312: Cleartext Storage of Sensitive Information
    pub PHI_WRITTEN_TO_FILE = "PHI201" {
        name: "phi-written-to-file",
        file: phi_written_to_file,
        category: UnencryptedStorage,
        safeguards: [EncryptionAtRest, Integrity],
        level: Error,
        confidence: Medium,
        cwe: [312, 313],
        queries: [python, ecma, rust],
        check: check,
        prefilter: crate::rules::Prefilter::Phi,
    }
}

/// Context managers and constructors that return a writable file.
const FILE_OPENERS: &[&str] = &[
    "open(",
    ".open(",
    "NamedTemporaryFile(",
    "TemporaryFile(",
    "fdopen(",
    "createWriteStream(",
    "File::create(",
    "File::options(",
    "OpenOptions::new(",
    "create_new(",
];

fn is_file_receiver<'a>(checker: &Checker<'a>, receiver: Node<'a>) -> bool {
    let origin = origin_text(checker, receiver);
    if [
        "StringIO", "BytesIO", "stdout", "stderr", "socket", "Tcp", "Vec::",
    ]
    .iter()
    .any(|w| origin.contains(w))
    {
        return false;
    }
    if FILE_OPENERS.iter().any(|w| origin.contains(w)) {
        return true;
    }
    let tokens = last_tokens(checker.text(receiver));
    tokens.iter().any(|t| {
        matches!(
            t.as_str(),
            "file" | "fh" | "fp" | "outfile" | "csvfile" | "jsonfile" | "tmpfile"
        )
    })
}

fn check<'a>(checker: &mut Checker<'a>, m: &Match<'a>) {
    let Some(sink) = m.get("sink") else {
        return;
    };
    let method = m.get("method").unwrap_or(sink);
    let method_text = checker.text(method);
    let receiver = m.get("receiver");
    let args = m.get("args");
    let evidence = match (checker.file.lang.family(), sink.kind()) {
        (crate::lang::Family::Python, "assignment") => {
            // shelve: `db[key] = record` where `db = shelve.open(...)`.
            let (Some(r), Some(v)) = (receiver, m.get("value")) else {
                return;
            };
            if !origin_text(checker, r).contains("shelve.open") {
                return;
            }
            stored(checker, v)
        }
        (crate::lang::Family::Python, _) => {
            let (Some(r), Some(args)) = (receiver, args) else {
                return;
            };
            python_write(checker, method_text, r, args)
        }
        (crate::lang::Family::Ecma, _) => {
            let Some(args) = args else { return };
            match method_text {
                "write" | "end" => {
                    let Some(r) = receiver else { return };
                    if !origin_text(checker, r).contains("createWriteStream(") {
                        return;
                    }
                    positional(args, 0).and_then(|a| stored(checker, a))
                }
                // `fs.writeFile(path, data)`: the data, or a path named after the patient
                // (`exports/${child.lastName}.csv`), which directory listings and backups keep.
                _ => flow::max(
                    positional(args, 1).and_then(|a| stored(checker, a)),
                    positional(args, 0).and_then(|a| stored(checker, a)),
                ),
            }
        }
        (crate::lang::Family::Rust, "macro_invocation") => {
            let Some(tt) = args else { return };
            let Some(writer) = tt.named_child(0).filter(|n| n.kind() == "identifier") else {
                return;
            };
            if !is_file_receiver(checker, writer) {
                return;
            }
            let flow = &checker.file.flow;
            flow.macro_args(tt, Purpose::Storage, 0)
                .into_iter()
                .filter(|a| a.node != writer)
                .fold(None, |best: Option<Evidence<'a>>, a| {
                    flow::max(best, a.evidence)
                })
                .filter(|e| e.class.score >= crate::rules::phi_logging::REPORT_FLOOR)
        }
        (crate::lang::Family::Rust, _) => {
            let (Some(r), Some(args)) = (receiver, args) else {
                return;
            };
            let r_text = checker.text(r);
            match (sink_is_method(sink), method_text) {
                (false, "write") if r_text.ends_with("fs") => flow::max(
                    positional(args, 1).and_then(|a| stored(checker, a)),
                    positional(args, 0).and_then(|a| stored(checker, a)),
                ),
                (false, "to_writer" | "to_writer_pretty") => {
                    let Some(w) = positional(args, 0).map(strip_ref) else {
                        return;
                    };
                    if !is_file_receiver(checker, w) {
                        return;
                    }
                    positional(args, 1).and_then(|a| stored(checker, a))
                }
                (true, "execute") => sqlite_insert(checker, r, args),
                // The `csv` crate: `Writer::from_path(..)`, `WriterBuilder::new().from_path(..)`,
                // `Writer::from_writer(File::create(..)?)`.
                (true, "serialize" | "write_record") => {
                    let origin = origin_text(checker, r);
                    if !(origin.contains("Writer::from_path")
                        || origin.contains(".from_path(")
                        || (origin.contains("Writer::from_writer") && origin.contains("File")))
                    {
                        return;
                    }
                    positional(args, 0).and_then(|a| stored(checker, a))
                }
                (true, "write" | "write_all") => {
                    if !is_file_receiver(checker, r) {
                        return;
                    }
                    positional(args, 0).and_then(|a| stored(checker, a))
                }
                _ => None,
            }
        }
    };
    let Some(evidence) = evidence else { return };
    let callee = sink
        .field("function")
        .or_else(|| sink.field("macro"))
        .unwrap_or(method);
    let mut name = if sink.kind() == "assignment" {
        "shelve".to_string()
    } else {
        checker.sink_name(callee)
    };
    if sink.kind() == "macro_invocation" {
        name.push('!');
    }
    let target = if matches!(method_text, "execute" | "executemany") {
        "a local SQLite database"
    } else {
        "a file"
    };
    // Only the path carries PHI: `fs.writeFile(`exports/${child.lastName}.csv`, csv)`.
    let path_form = match checker.file.lang.family() {
        crate::lang::Family::Ecma => !matches!(method_text, "write" | "end"),
        crate::lang::Family::Rust => !sink_is_method(sink) && method_text == "write",
        crate::lang::Family::Python => false,
    };
    let in_path = path_form
        && args
            .and_then(|a| positional(a, 1))
            .is_some_and(|d| stored(checker, d).is_none());
    let message = if in_path {
        format!(
            "{} names a file written in plaintext by `{name}`",
            evidence.describe()
        )
    } else {
        format!(
            "{} is written to {target} in plaintext by `{name}`",
            evidence.describe()
        )
    };
    checker.report_phi(sink, &evidence, message);
}

fn sink_is_method(sink: Node<'_>) -> bool {
    sink.field("function")
        .is_some_and(|f| f.kind() == "field_expression")
}

fn strip_ref(node: Node<'_>) -> Node<'_> {
    if node.kind() == "reference_expression" {
        node.field("value").unwrap_or(node)
    } else {
        node
    }
}

fn python_write<'a>(
    checker: &Checker<'a>,
    method: &str,
    receiver: Node<'a>,
    args: Node<'a>,
) -> Option<Evidence<'a>> {
    match method {
        "write" | "writelines" => {
            if !is_file_receiver(checker, receiver) {
                return None;
            }
            positional(args, 0).and_then(|a| stored(checker, a))
        }
        "execute" | "executemany" => sqlite_insert(checker, receiver, args),
        "write_text" | "write_bytes" => positional(args, 0).and_then(|a| stored(checker, a)),
        "writerow" | "writerows" => positional(args, 0)
            .and_then(|a| stored(checker, a))
            .or_else(|| dict_writer_columns(checker, receiver, positional(args, 0)?)),
        "dump" => {
            let module = checker.text(receiver);
            let serializers = [
                "json", "pickle", "yaml", "marshal", "dill", "joblib", "ujson",
            ];
            if !serializers.contains(&module) || positional(args, 1).is_none() {
                return None;
            }
            positional(args, 0).and_then(|a| stored(checker, a))
        }
        "to_csv" | "to_json" | "to_parquet" | "to_excel" | "to_pickle" | "to_feather" => {
            // A DataFrame written without a path returns a string instead of writing.
            if args.named_child_count() == 0 {
                return None;
            }
            stored(checker, receiver)
        }
        _ => None,
    }
}

/// Whether a receiver is a connection (or a cursor of one) to a local SQLite file:
/// `sqlite3.connect("app.db")`, `conn.cursor()`, rusqlite `Connection::open("app.db")`.
fn is_sqlite<'a>(checker: &Checker<'a>, receiver: Node<'a>) -> bool {
    let flow = &checker.file.flow;
    let mut node = receiver;
    for _ in 0..4 {
        let text = checker.text(node);
        if text.contains("sqlite3.connect(") || text.contains("Connection::open(") {
            return !text.contains(":memory:") && !text.contains("open_in_memory");
        }
        node = match node.kind() {
            "identifier" => match flow.binding_value(node) {
                Some(v) => v,
                None => return false,
            },
            "call" | "call_expression" | "try_expression" | "await" => {
                let inner = node.field("function").unwrap_or(node);
                match inner
                    .field("object")
                    .or_else(|| inner.field("value"))
                    .or_else(|| node.named_child(0).filter(|_| node.kind() != "call"))
                {
                    Some(o) => o,
                    None => return false,
                }
            }
            _ => return false,
        };
    }
    false
}

/// `INSERT`/`REPLACE`/`UPDATE` into a local SQLite file with PHI in the parameters or the
/// statement text.
fn sqlite_insert<'a>(
    checker: &Checker<'a>,
    receiver: Node<'a>,
    args: Node<'a>,
) -> Option<Evidence<'a>> {
    if !is_sqlite(checker, receiver) {
        return None;
    }
    let sql = positional(args, 0)?;
    let text = checker.text(sql);
    let body = text
        .trim_start_matches(['r', 'b', 'f', 'u', 'R', 'B', 'F', 'U', '#'])
        .trim_start_matches(['"', '\'', '`'])
        .trim_start()
        .to_ascii_uppercase();
    if !["INSERT", "REPLACE", "UPDATE"]
        .iter()
        .any(|k| body.starts_with(k))
    {
        return None;
    }
    flow::max(
        stored(checker, sql),
        positional(args, 1).and_then(|p| stored(checker, p)),
    )
}

/// The PHI columns of a `csv.DictWriter(fh, fieldnames=FIELDS)`: rows of any name written
/// through it carry the columns its field names declare (`["mrn", "patient_name", "dob"]`,
/// a list literal or a constant of the file).
fn dict_writer_columns<'a>(
    checker: &Checker<'a>,
    writer: Node<'a>,
    rows: Node<'a>,
) -> Option<Evidence<'a>> {
    if writer.kind() != "identifier" {
        return None;
    }
    let flow = &checker.file.flow;
    let ctor = flow.binding_value(writer)?;
    if ctor.kind() != "call" {
        return None;
    }
    let callee = ctor.field("function").map(|f| checker.text(f))?;
    if !callee.ends_with("DictWriter") {
        return None;
    }
    let ctor_args = ctor.field("arguments")?;
    let mut fields =
        super::keyword(checker, ctor_args, "fieldnames").or_else(|| positional(ctor_args, 1))?;
    if fields.kind() == "identifier" {
        fields = flow.binding_value(fields)?;
    }
    if !matches!(fields.kind(), "list" | "tuple") {
        return None;
    }
    let vocab = flow.vocab();
    let mut best: Option<(crate::phi::Classification, &'a str)> = None;
    let mut cursor = fields.walk();
    for item in fields.named_children(&mut cursor).take(256) {
        let Some(name) = crate::flow::string_content(checker.text(item), item.kind()) else {
            continue;
        };
        if name.is_empty() || !name.chars().all(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let Some(class) = vocab.classify_name(name) else {
            continue;
        };
        if class.masked
            || class.kind == crate::phi::Kind::InternalId
            || class.score < crate::rules::phi_logging::REPORT_FLOOR
        {
            continue;
        }
        if best.as_ref().is_none_or(|(b, _)| class.score > b.score) {
            best = Some((class, name));
        }
    }
    let (class, name) = best?;
    Some(Evidence {
        class,
        name: name.to_string(),
        via: Some(format!("a column of `{}`", checker.text(writer))),
        node: rows,
        also: Vec::new(),
    })
}
