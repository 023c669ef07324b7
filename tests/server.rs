//! `phi-lint server` end to end: a real LSP client drives the built binary over standard input
//! and output (JSON-RPC with `Content-Length` framing), as an editor does: initialize, open and
//! edit documents, ask for quick fixes and apply them, shut down.

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::support::{cache_dir, project};

/// How long a message may take: the first analysis of a debug build compiles the queries.
const TIMEOUT: Duration = Duration::from_secs(120);

const LEAKY_PY: &str = "import logging\n\nlogger = logging.getLogger(__name__)\n\n\ndef show(patient):\n    logger.info(patient.ssn)\n";

/// An LSP client speaking to `phi-lint server`.
struct Client {
    child: Child,
    stdin: ChildStdin,
    messages: mpsc::Receiver<Value>,
    /// Notifications read while waiting for something else.
    backlog: VecDeque<Value>,
    stderr: std::thread::JoinHandle<String>,
    next_id: i64,
}

impl Client {
    /// Starts the server (in a directory other than the workspace: the workspace comes from
    /// `initialize`) and initializes it with `workspace` as its only folder.
    fn start(workspace: &Path) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_phi-lint"))
            .arg("server")
            .current_dir(env!("CARGO_TARGET_TMPDIR"))
            .env("PHI_LINT_CACHE_DIR", cache_dir())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the phi-lint binary runs");
        let stdin = child.stdin.take().expect("stdin is piped");
        let stdout = child.stdout.take().expect("stdout is piped");
        let mut stderr = child.stderr.take().expect("stderr is piped");
        let (tx, messages) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_message(&mut reader) {
                if tx.send(message).is_err() {
                    return;
                }
            }
        });
        let stderr = std::thread::spawn(move || {
            let mut text = String::new();
            let _ = stderr.read_to_string(&mut text);
            text
        });
        let mut client = Client {
            child,
            stdin,
            messages,
            backlog: VecDeque::new(),
            stderr,
            next_id: 1,
        };
        let root = uri(workspace);
        let result = client.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": root,
                "workspaceFolders": [{"uri": root, "name": "workspace"}],
                "capabilities": {},
            }),
        );
        assert_eq!(result["serverInfo"]["name"], "phi-lint");
        assert_eq!(result["capabilities"]["positionEncoding"], "utf-16");
        client.notify("initialized", json!({}));
        client
    }

    fn send(&mut self, message: Value) {
        let body = serde_json::to_vec(&message).unwrap();
        write!(self.stdin, "Content-Length: {}\r\n\r\n", body.len()).unwrap();
        self.stdin.write_all(&body).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// The next message from the server.
    fn receive(&mut self, deadline: Instant) -> Value {
        let left = deadline.saturating_duration_since(Instant::now());
        self.messages
            .recv_timeout(left)
            .expect("the server answered in time")
    }

    /// Sends a request and returns its result (panics on an error response).
    fn request(&mut self, method: &str, params: Value) -> Value {
        let response = self.request_raw(method, params);
        assert!(response.get("error").is_none(), "{method}: {response}");
        response["result"].clone()
    }

    /// Sends a request and returns the whole response.
    fn request_raw(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let message = self.receive(deadline);
            if message["id"] == id && message.get("method").is_none() {
                return message;
            }
            self.backlog.push_back(message);
        }
    }

    /// The diagnostics published for `uri` at `version` (`None`: the unversioned publication
    /// that clears a closed document); older publications are skipped.
    fn diagnostics(&mut self, uri: &str, version: Option<i64>) -> Vec<Value> {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let message = match self.backlog.pop_front() {
                Some(message) => message,
                None => self.receive(deadline),
            };
            let params = &message["params"];
            if message["method"] == "textDocument/publishDiagnostics"
                && params["uri"] == uri
                && params["version"].as_i64() == version
            {
                return params["diagnostics"].as_array().unwrap().clone();
            }
        }
    }

    fn open(&mut self, uri: &str, language: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": language, "version": 1, "text": text}}),
        );
    }

    fn change(&mut self, uri: &str, version: i64, text: &str) {
        self.notify(
            "textDocument/didChange",
            json!({
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [{"text": text}],
            }),
        );
    }

    /// The quick fixes offered for `diagnostic`.
    fn code_actions(&mut self, uri: &str, diagnostic: &Value) -> Vec<Value> {
        self.request(
            "textDocument/codeAction",
            json!({
                "textDocument": {"uri": uri},
                "range": diagnostic["range"],
                "context": {"diagnostics": [diagnostic]},
            }),
        )
        .as_array()
        .expect("a list of code actions")
        .clone()
    }

    /// `shutdown`, `exit`, and the exit code and standard error of the server.
    fn finish(mut self) -> (i32, String) {
        assert_eq!(self.request("shutdown", Value::Null), Value::Null);
        self.notify("exit", Value::Null);
        self.wait()
    }

    /// Waits for the server to exit: its exit code and standard error.
    fn wait(mut self) -> (i32, String) {
        drop(self.stdin);
        let deadline = Instant::now() + TIMEOUT;
        let status = loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                break status;
            }
            assert!(Instant::now() < deadline, "the server did not exit");
            std::thread::sleep(Duration::from_millis(20));
        };
        let stderr = self.stderr.join().unwrap();
        (status.code().unwrap_or(-1), stderr)
    }
}

/// Reads one `Content-Length`-framed JSON-RPC message; `None` at the end of the stream.
fn read_message(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            if name.eq_ignore_ascii_case("content-length") {
                length = value.trim().parse::<usize>().ok();
            }
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

/// The `file:` URI of a path (whose directory exists).
fn uri(path: &Path) -> String {
    let path = match path.canonicalize() {
        Ok(path) => path,
        Err(_) => path
            .parent()
            .unwrap()
            .canonicalize()
            .unwrap()
            .join(path.file_name().unwrap()),
    };
    format!("file://{}", path.display())
}

/// Applies LSP text edits (UTF-16 positions) to `text`, last first.
fn apply(text: &str, edits: &[Value]) -> String {
    let offset = |position: &Value| {
        let line = position["line"].as_u64().unwrap() as usize;
        let character = position["character"].as_u64().unwrap() as usize;
        let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
        let mut units = 0;
        for (i, c) in text[start..].char_indices() {
            if units >= character || c == '\n' {
                return start + i;
            }
            units += c.len_utf16();
        }
        text.len()
    };
    let mut ranges: Vec<(usize, usize, &str)> = edits
        .iter()
        .map(|e| {
            (
                offset(&e["range"]["start"]),
                offset(&e["range"]["end"]),
                e["newText"].as_str().unwrap(),
            )
        })
        .collect();
    ranges.sort_by_key(|r| std::cmp::Reverse(r.0));
    let mut out = text.to_string();
    for (start, end, new) in ranges {
        out.replace_range(start..end, new);
    }
    out
}

/// Every file under `dir`, with its content.
fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let content = std::fs::read(&path).unwrap();
                out.push((path.display().to_string(), content));
            }
        }
    }
    out.sort();
    out
}

/// The issue's walk-through: a leak in an unsaved buffer is reported with its rule code, a
/// link to the rule's page and the finding's severity; the quick fix inserts a suppression
/// comment that suppresses it; removing the leak keeps the diagnostics clear; the server
/// exits 0 after shutdown. The file on disk is never touched, and nothing of the buffer
/// reaches standard error.
#[test]
fn a_leak_in_an_unsaved_buffer_is_reported_and_the_quick_fix_suppresses_it() {
    let clean = "def show(patient):\n    return patient.pseudonym\n";
    let dir = project(&[
        ("pyproject.toml", "[project]\nname = \"clinic\"\n"),
        ("app.py", clean),
    ]);
    let before = tree(dir.path());
    let mut client = Client::start(dir.path());
    let doc = uri(&dir.path().join("app.py"));

    client.open(&doc, "python", LEAKY_PY);
    let diagnostics = client.diagnostics(&doc, Some(1));
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    let leak = &diagnostics[0];
    assert_eq!(leak["code"], "PHI101");
    assert_eq!(leak["source"], "phi-lint");
    assert_eq!(leak["severity"], 1, "error level: LSP Error");
    assert!(
        leak["codeDescription"]["href"]
            .as_str()
            .unwrap()
            .ends_with("/docs/rules/phi-in-log.md"),
        "{leak}"
    );
    assert_eq!(leak["range"]["start"], json!({"line": 6, "character": 16}));
    assert_eq!(leak["range"]["end"], json!({"line": 6, "character": 27}));
    assert!(leak["message"].as_str().unwrap().contains("`patient.ssn`"));

    let actions = client.code_actions(&doc, leak);
    assert_eq!(actions.len(), 1, "{actions:?}");
    let action = &actions[0];
    assert_eq!(action["kind"], "quickfix");
    assert!(
        action["title"].as_str().unwrap().contains("PHI101"),
        "{action}"
    );
    assert_eq!(action["diagnostics"][0]["code"], "PHI101");
    let edits = action["edit"]["changes"][doc.as_str()]
        .as_array()
        .expect("edits for the document");
    let fixed = apply(LEAKY_PY, edits);
    assert!(
        fixed.contains(
            "\n    # phi-lint: ignore[PHI101] TODO: say why this is acceptable\n    logger.info(patient.ssn)\n"
        ),
        "{fixed}"
    );

    client.change(&doc, 2, &fixed);
    assert_eq!(client.diagnostics(&doc, Some(2)), Vec::<Value>::new());
    let without_leak = LEAKY_PY.replace("patient.ssn", "patient.pseudonym");
    client.change(&doc, 3, &without_leak);
    assert_eq!(client.diagnostics(&doc, Some(3)), Vec::<Value>::new());

    let (code, stderr) = client.finish();
    assert_eq!(code, 0, "{stderr}");
    for scanned in ["ssn", "patient", "logger"] {
        assert!(!stderr.contains(scanned), "{stderr}");
    }
    // Buffers are analysed from memory: the workspace is as it was.
    assert_eq!(tree(dir.path()), before);
}

/// Each document is analysed with its closest configuration: a nested `phi-lint.toml` that
/// switches the rule off silences it in its directory only. Closing a document clears its
/// diagnostics.
#[test]
fn a_nested_configuration_switching_the_rule_off_is_respected() {
    let dir = project(&[
        ("api/phi-lint.toml", "[rules]\nPHI101 = \"off\"\n"),
        ("web/.keep", ""),
    ]);
    let mut client = Client::start(dir.path());
    let api = uri(&dir.path().join("api/views.py"));
    let web = uri(&dir.path().join("web/views.py"));
    client.open(&api, "python", LEAKY_PY);
    assert_eq!(client.diagnostics(&api, Some(1)), Vec::<Value>::new());
    client.open(&web, "python", LEAKY_PY);
    let found = client.diagnostics(&web, Some(1));
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0]["code"], "PHI101");

    client.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": web}}),
    );
    assert_eq!(client.diagnostics(&web, None), Vec::<Value>::new());
    let (code, stderr) = client.finish();
    assert_eq!(code, 0, "{stderr}");
}

/// Project-level rules take the facts of the document's whole application from the workspace,
/// as a pre-commit hook does: a handler audited by middleware registered in `app.js` is clean,
/// a handler of another application that audits nothing is reported (PHI401).
#[test]
fn project_level_rules_read_the_documents_application() {
    let route = "const express = require('express');\nconst router = express.Router();\n\nrouter.get('/:id', async (req, res) => {\n  const patient = await Patient.findById(req.params.id);\n  res.json(patient);\n});\n\nmodule.exports = router;\n";
    let dir = project(&[
        ("package.json", "{\"name\": \"app\"}\n"),
        (
            "app.js",
            "const express = require('express');\nconst { auditTrail } = require('./lib/audit');\nconst x = require('./routes/x');\n\nconst app = express();\napp.use(auditTrail);\napp.use('/patients', x);\n\nmodule.exports = app;\n",
        ),
        (
            "lib/audit.js",
            "async function logPhiAccess(actorId, action, patientRef) {\n  await AuditEntry.create({ actorId, action, patientRef, at: new Date() });\n}\n\nfunction auditTrail(req, res, next) {\n  logPhiAccess(req.user.id, req.method, req.params.id).then(() => next(), next);\n}\n\nmodule.exports = { logPhiAccess, auditTrail };\n",
        ),
        ("routes/x.js", route),
        ("svc/package.json", "{\"name\": \"svc\"}\n"),
        ("svc/routes/b.js", route),
    ]);
    let mut client = Client::start(dir.path());
    let audited = uri(&dir.path().join("routes/x.js"));
    let holdout = uri(&dir.path().join("svc/routes/b.js"));
    client.open(&audited, "javascript", route);
    assert_eq!(client.diagnostics(&audited, Some(1)), Vec::<Value>::new());
    client.open(&holdout, "javascript", route);
    let found = client.diagnostics(&holdout, Some(1));
    let codes: Vec<&str> = found.iter().filter_map(|d| d["code"].as_str()).collect();
    assert_eq!(codes, ["PHI401"], "{found:?}");
    assert_eq!(found[0]["severity"], 2, "warning level: LSP Warning");
    // The quick fix works for a project-level finding too, with `//` comments.
    let actions = client.code_actions(&holdout, &found[0]);
    let edits = actions[0]["edit"]["changes"][holdout.as_str()]
        .as_array()
        .unwrap()
        .clone();
    let fixed = apply(route, &edits);
    assert!(fixed.contains("// phi-lint: ignore[PHI401] "), "{fixed}");
    client.change(&holdout, 2, &fixed);
    assert_eq!(client.diagnostics(&holdout, Some(2)), Vec::<Value>::new());
    let (code, stderr) = client.finish();
    assert_eq!(code, 0, "{stderr}");
}

/// The protocol's rules: requests before `initialize` and unknown requests get errors, `exit`
/// without `shutdown` exits 1, and a message that is not JSON stops the server (exit 1)
/// without its text reaching standard error.
#[test]
fn protocol_errors_are_answered_and_never_echoed() {
    let dir = project(&[("a.py", "")]);
    let mut child = Command::new(env!("CARGO_BIN_EXE_phi-lint"))
        .args(["server", "--stdio"])
        .env("PHI_LINT_CACHE_DIR", cache_dir())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let body = br#"{"jsonrpc":"2.0","id":1,"method":"textDocument/codeAction","params":{}}"#;
    write!(stdin, "Content-Length: {}\r\n\r\n", body.len()).unwrap();
    stdin.write_all(body).unwrap();
    stdin.flush().unwrap();
    let answer = read_message(&mut stdout).unwrap();
    assert_eq!(answer["error"]["code"], -32002, "{answer}");
    let garbage = b"{\"text\": \"logger.info(patient.ssn)\" not json";
    write!(stdin, "Content-Length: {}\r\n\r\n", garbage.len()).unwrap();
    stdin.write_all(garbage).unwrap();
    drop(stdin);
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("not LSP"), "{stderr}");
    assert!(!stderr.contains("patient"), "{stderr}");

    let mut client = Client::start(dir.path());
    let unknown = client.request_raw("textDocument/hover", json!({}));
    assert_eq!(unknown["error"]["code"], -32601, "{unknown}");
    let bad = client.request_raw("textDocument/codeAction", json!({"textDocument": 3}));
    assert_eq!(bad["error"]["code"], -32602, "{bad}");
    client.notify("exit", Value::Null);
    let (code, stderr) = client.wait();
    assert_eq!(code, 1, "{stderr}");
}

/// Quick fixes write the comment each file's syntax reads: `//` in Rust, a JSX comment among
/// JSX children (where `//` would be text), `#` in YAML configuration; each clears its finding.
#[test]
fn quick_fixes_use_each_files_comment_syntax() {
    let dir = project(&[("package.json", "{\"name\": \"web\"}\n")]);
    let mut client = Client::start(dir.path());
    let cases = [
        (
            "src/lib.rs",
            "rust",
            "fn show(patient: &Patient) {\n    log::info!(\"{}\", patient.ssn);\n}\n",
            "    // phi-lint: ignore[PHI101] ",
        ),
        (
            "web/Chart.jsx",
            "javascriptreact",
            "export function Chart({ patient }) {\n  return (\n    <div>\n      {console.log(patient.ssn)}\n    </div>\n  );\n}\n",
            "      {/* phi-lint: ignore[PHI102] TODO: say why this is acceptable */} {console.log",
        ),
        (
            "config/settings.yaml",
            "yaml",
            "api:\n  base_url: http://api.acme-health.com/v2\n",
            "  # phi-lint: ignore[PHI301] ",
        ),
    ];
    for (path, language, text, expected) in cases {
        std::fs::create_dir_all(dir.path().join(path).parent().unwrap()).unwrap();
        let doc = uri(&dir.path().join(path));
        client.open(&doc, language, text);
        let found = client.diagnostics(&doc, Some(1));
        assert_eq!(found.len(), 1, "{path}: {found:?}");
        let actions = client.code_actions(&doc, &found[0]);
        assert_eq!(actions.len(), 1, "{path}: {actions:?}");
        let edits = actions[0]["edit"]["changes"][doc.as_str()]
            .as_array()
            .unwrap()
            .clone();
        let fixed = apply(text, &edits);
        assert!(fixed.contains(expected), "{path}: {fixed}");
        client.change(&doc, 2, &fixed);
        assert_eq!(
            client.diagnostics(&doc, Some(2)),
            Vec::<Value>::new(),
            "{path}"
        );
    }
    let (code, stderr) = client.finish();
    assert_eq!(code, 0, "{stderr}");
}

/// `--help` lists the server, and the README's editor set-ups start it the way it runs here.
#[test]
fn the_server_is_documented_in_help_and_the_readme() {
    let (code, out, _) =
        crate::support::run(crate::support::phi_lint(&crate::support::root()).arg("--help"));
    assert_eq!(code, 0);
    assert!(
        out.contains("server   Run a language server for editors (LSP 3.17"),
        "{out}"
    );
    let readme = std::fs::read_to_string(crate::support::root().join("README.md")).unwrap();
    let editors = readme
        .split("\n## Editors\n")
        .nth(1)
        .and_then(|s| s.split("\n## ").next())
        .expect("README has an Editors section");
    // The comment the quick fix writes in Python, as the README shows it.
    let comment = format!(
        "# phi-lint: ignore[PHI101] {}",
        phi_lint::server::REASON_PLACEHOLDER
    );
    for needle in [
        "cmd = { 'phi-lint', 'server' }",
        "vim.lsp.enable('phi_lint')",
        "vim.lsp.start({",
        "\"glspc.server.command\": \"phi-lint\"",
        "\"glspc.server.commandArguments\": [\"server\"]",
        &comment,
    ] {
        assert!(editors.contains(needle), "README Editors lacks {needle}");
    }
}

/// A configuration error is shown on the document (the file and what is wrong) and logged
/// once, with the document's path only, however often the document changes.
#[test]
fn a_broken_configuration_is_shown_in_the_editor_and_logged_once() {
    let dir = project(&[("bad/phi-lint.toml", "[rules]\nPHI101 = \"loud\"\n")]);
    let mut client = Client::start(dir.path());
    let doc = uri(&dir.path().join("bad/a.py"));
    client.open(&doc, "python", LEAKY_PY);
    for version in 1..=3 {
        if version > 1 {
            client.change(&doc, version, LEAKY_PY);
        }
        let shown = client.diagnostics(&doc, Some(version));
        assert_eq!(shown.len(), 1, "{shown:?}");
        let message = shown[0]["message"].as_str().unwrap();
        assert!(
            message.contains("invalid configuration in") && message.contains("phi-lint.toml"),
            "{message}"
        );
        assert_eq!(shown[0]["severity"], 1);
    }
    let (code, stderr) = client.finish();
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stderr.matches("not analysed").count(), 1, "{stderr}");
    assert!(stderr.contains("a.py"), "{stderr}");
    assert!(!stderr.contains("loud"), "{stderr}");
}

/// A YAML document indented past what the YAML grammar's scanner survives (it aborts the
/// process at about 254 levels) is not parsed, and says so: the server stays up and answers.
#[test]
fn a_yaml_document_too_deep_to_parse_does_not_take_the_server_down() {
    let dir = project(&[("pyproject.toml", "[project]\nname = \"clinic\"\n")]);
    let mut client = Client::start(dir.path());
    let doc = uri(&dir.path().join("config.yaml"));
    let deep = format!("{}url: http://records.example.com\n", "- ".repeat(260));
    client.open(&doc, "yaml", &deep);
    let diagnostics = client.diagnostics(&doc, Some(1));
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    assert!(
        diagnostics[0]["message"]
            .as_str()
            .unwrap()
            .contains("indented or nested deeper than the YAML parser can handle; not scanned"),
        "{diagnostics:?}"
    );
    let app = uri(&dir.path().join("app.py"));
    client.open(&app, "python", LEAKY_PY);
    assert_eq!(client.diagnostics(&app, Some(1)).len(), 1);
    let (code, _) = client.finish();
    assert_eq!(code, 0);
}

/// A `Content-Length` header alone made the server allocate what it named (10^14 bytes aborted
/// it; 3 GB took 3 GB): a message over the limit stops the server with a clear message, at once.
#[test]
fn a_huge_content_length_stops_the_server_without_allocating_it() {
    use std::io::Write;
    let dir = project(&[("pyproject.toml", "[project]\nname = \"clinic\"\n")]);
    for length in ["99999999999999", "3000000000"] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_phi-lint"))
            .arg("server")
            .current_dir(dir.path())
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        write!(stdin, "Content-Length: {length}\r\n\r\n{{}}").unwrap();
        drop(stdin);
        let start = Instant::now();
        let out = child.wait_with_output().unwrap();
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "took {:?}",
            start.elapsed()
        );
        assert_eq!(out.status.code(), Some(1), "{out:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("a message larger than 64 MiB"), "{err}");
    }
}
