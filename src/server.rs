//! `phi-lint server`: a language server for editors (LSP 3.17, JSON-RPC over standard input
//! and output).
//!
//! Each open document is analysed from memory, unsaved edits included, through the path
//! `scan --stdin-filename` takes ([`crate::check_buffer`]): the configuration a scan would give
//! a file at the document's path (the closest configuration file), its `exclude`/`include`
//! globs, the project-level facts of the other files of its application (read from disk and
//! the facts cache, as a pre-commit hook reads them), and the per-file limits of a scan (file
//! size, parse time and memory, analysis budget). Nothing is ever written into the workspace.
//! Findings are published as diagnostics with the rule's code, a link to its documentation and
//! a severity from the finding's level; a document's diagnostics are cleared when it closes.
//!
//! Quick fixes insert a `phi-lint: ignore[CODE]` comment in the document's comment syntax. A
//! placement is offered only once the edited text, analysed again, no longer reports the
//! finding and parses no worse than before (a comment line inside a multi-line string or JSX
//! text would not suppress anything, and a comment after a line continuation breaks the code).
//!
//! The server is synchronous: one thread handles the messages in order (the protocol library's
//! threads only move bytes). Analyses wait until no message is ready, so a burst of edits is
//! analysed once, at its last version.
//!
//! Standard error carries the server's own messages and escaped paths only, never text from
//! the documents: the protocol library's errors quote the message they could not read, and a
//! panic message can quote the text being analysed, so neither is printed.

use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types as lsp;
use lsp_types::Url;

use crate::cli::ServerArgs;
use crate::config::Resolver;
use crate::diagnostic::{Diagnostic, Notification as FileNotification, NotificationLevel};
use crate::discover::FileKind;
use crate::error::Error;
use crate::escape;
use crate::lang::Language;
use crate::rules::Level;
use crate::settings::Overrides;

/// The reason written into an inserted suppression comment, for the user to replace.
pub const REASON_PLACEHOLDER: &str = "TODO: say why this is acceptable";

/// At most this many findings get a quick fix per request: each placement offered is checked
/// by analysing the edited text.
const MAX_FIXES_PER_REQUEST: usize = 8;

/// No new placement is checked once a request has taken this long (each analysis is bounded
/// as in a scan, but a file made to use most of its budget would hold the editor for minutes);
/// the fixes already checked are offered, and are remembered for the next request.
const FIX_CHECK_TIME: std::time::Duration = std::time::Duration::from_secs(5);

/// Runs the server on standard input and output until the client says `exit` or goes away.
/// Exit code 0 after `shutdown` then `exit`, 1 otherwise (as LSP asks).
pub fn run(args: &ServerArgs) -> ExitCode {
    // A panic message can quote the text being analysed (a slice of it out of bounds): only
    // its place in phi-lint's source reaches standard error.
    std::panic::set_hook(Box::new(|info| {
        let at = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        log(&format!("internal error{at} (please report it)"));
    }));
    let (connection, io_threads) = bounded_stdio();
    let options = crate::Options {
        no_project_context: false,
        cache_dir: if args.no_cache {
            None
        } else {
            crate::cache::default_dir()
        },
    };
    let outcome = Server::new(connection, options).serve();
    // The reader has stopped (end of input or `exit`); the writer stops once its sender, owned
    // by the server, is gone.
    let io = io_threads.join();
    match (outcome, io) {
        (Outcome::Exit { shutdown: true }, Ok(())) => ExitCode::SUCCESS,
        (Outcome::Exit { shutdown: false }, Ok(())) => {
            log("exit without shutdown");
            ExitCode::from(1)
        }
        (_, Err(e)) if e.to_string() == "message larger than the limit" => {
            log(&format!(
                "the client sent a message larger than {} MiB; stopping",
                MAX_MESSAGE_BYTES >> 20
            ));
            ExitCode::from(1)
        }
        (_, Err(e)) if e.kind() == std::io::ErrorKind::InvalidData => {
            // The error quotes the unreadable message: not printed.
            log("the client sent a message that is not LSP (bad header or JSON); stopping");
            ExitCode::from(1)
        }
        (_, Err(e)) => {
            log(&format!("standard input or output failed ({:?})", e.kind()));
            ExitCode::from(1)
        }
        (Outcome::Lost, Ok(())) => {
            log("the client closed the connection without exit");
            ExitCode::from(1)
        }
    }
}

/// Largest LSP message read, in bytes: a `Content-Length` header alone must not make the server
/// allocate what it says (a header of 10^14 aborted the process).
pub const MAX_MESSAGE_BYTES: usize = 64 * 1024 * 1024;

/// The two threads that move messages between standard input and output and the connection.
struct IoThreads {
    reader: std::thread::JoinHandle<std::io::Result<()>>,
    writer: std::thread::JoinHandle<std::io::Result<()>>,
}

impl IoThreads {
    fn join(self) -> std::io::Result<()> {
        let read = self
            .reader
            .join()
            .unwrap_or_else(|_| Err(std::io::Error::other("the reader thread panicked")));
        let write = self
            .writer
            .join()
            .unwrap_or_else(|_| Err(std::io::Error::other("the writer thread panicked")));
        read.and(write)
    }
}

/// `Connection::stdio()` with a cap on message size: each message's header is read here and a
/// body longer than [`MAX_MESSAGE_BYTES`] stops the server with an error instead of an
/// allocation of whatever size the header names; lsp-server parses the bounded message.
fn bounded_stdio() -> (Connection, IoThreads) {
    use std::io::{BufRead, Read, Write};
    let (server, client) = Connection::memory();
    let Connection {
        sender: to_server,
        receiver: from_server,
    } = client;
    let reader = std::thread::spawn(move || -> std::io::Result<()> {
        let stdin = std::io::stdin();
        let mut input = stdin.lock();
        loop {
            let mut header = Vec::new();
            let mut length: Option<usize> = None;
            loop {
                let mut line = Vec::new();
                // A header line longer than 1 KiB is no LSP header.
                let n = (&mut input).take(1024).read_until(b'\n', &mut line)?;
                if n == 0 {
                    return Ok(()); // end of input
                }
                if !line.ends_with(b"\n") {
                    return Err(std::io::Error::new(
                        std::io::ErrorKind::InvalidData,
                        "header line too long",
                    ));
                }
                header.extend_from_slice(&line);
                let text = String::from_utf8_lossy(&line);
                let text = text.trim_end();
                if text.is_empty() {
                    break;
                }
                if let Some((name, value)) = text.split_once(':') {
                    if name.eq_ignore_ascii_case("content-length") {
                        length = value.trim().parse().ok();
                    }
                }
                if header.len() > 8 * 1024 {
                    return Err(std::io::Error::new(
                        std::io::ErrorKind::InvalidData,
                        "header too long",
                    ));
                }
            }
            let length = length.ok_or_else(|| {
                std::io::Error::new(std::io::ErrorKind::InvalidData, "no Content-Length")
            })?;
            if length > MAX_MESSAGE_BYTES {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::InvalidData,
                    "message larger than the limit",
                ));
            }
            let mut body = Vec::new();
            (&mut input).take(length as u64).read_to_end(&mut body)?;
            if body.len() < length {
                return Ok(()); // the client went away mid-message
            }
            header.extend_from_slice(&body);
            let Some(message) = lsp_server::Message::read(&mut std::io::Cursor::new(header))?
            else {
                return Ok(());
            };
            let exit =
                matches!(&message, lsp_server::Message::Notification(n) if n.method == "exit");
            if to_server.send(message).is_err() || exit {
                return Ok(());
            }
        }
    });
    let writer = std::thread::spawn(move || -> std::io::Result<()> {
        let stdout = std::io::stdout();
        for message in from_server {
            let mut out = stdout.lock();
            message.write(&mut out)?;
            out.flush()?;
        }
        Ok(())
    });
    (server, IoThreads { reader, writer })
}

/// One line on standard error. Callers pass only phi-lint's own words and escaped paths.
fn log(message: &str) {
    eprintln!("phi-lint server: {message}");
}

/// How the message loop ended.
enum Outcome {
    /// The client sent `exit`, after `shutdown` or not.
    Exit {
        /// Whether `shutdown` came first.
        shutdown: bool,
    },
    /// Standard input ended (or the reader stopped) without `exit`.
    Lost,
}

/// An open document.
struct Document {
    /// Its path on disk (absolute, normalised): where its configuration and application are.
    path: PathBuf,
    /// The version the client gave the text.
    version: i32,
    /// The text, as the client has it.
    text: String,
    /// The analysis of `text`; `None` until it is analysed.
    analysis: Option<Analysis>,
    /// Whether the last analysis stopped with an error (logged once until one succeeds).
    failing: bool,
}

/// What the analysis of a document's text found.
struct Analysis {
    /// The document's kind (language or configuration format); `None` when phi-lint does not
    /// analyse this kind of file.
    kind: Option<FileKind>,
    /// Its findings.
    findings: Vec<Diagnostic>,
    /// The diagnostics published for it: findings, then problems with the file or its
    /// suppression comments, or the error that stopped the analysis.
    published: Vec<lsp::Diagnostic>,
    /// Checked suppression edits, by the finding's fingerprint (`None`: no placement works).
    fixes: HashMap<String, Option<lsp::TextEdit>>,
}

/// The server's state.
struct Server {
    /// The channels to the protocol library's reader and writer threads.
    connection: Connection,
    /// The facts cache, as for a scan.
    options: crate::Options,
    /// Workspace folders (absolute, normalised): a document's scan root is the deepest that
    /// holds it, else its own directory.
    roots: Vec<PathBuf>,
    /// The open documents, by URI.
    documents: HashMap<Url, Document>,
    /// Whether `initialize` was answered.
    initialized: bool,
    /// Whether `shutdown` was answered: only `exit` is handled then.
    shutdown: bool,
}

impl Server {
    /// A server speaking over `connection`, before `initialize`.
    fn new(connection: Connection, options: crate::Options) -> Server {
        Server {
            connection,
            options,
            roots: Vec::new(),
            documents: HashMap::new(),
            initialized: false,
            shutdown: false,
        }
    }

    /// The message loop.
    fn serve(mut self) -> Outcome {
        loop {
            let message = match self.pending() {
                Some(uri) => match self.connection.receiver.try_recv() {
                    Ok(message) => message,
                    Err(e) if e.is_empty() => {
                        if catch_unwind(AssertUnwindSafe(|| self.refresh(&uri))).is_err() {
                            self.failed(&uri);
                        }
                        continue;
                    }
                    Err(_) => return Outcome::Lost,
                },
                None => match self.connection.receiver.recv() {
                    Ok(message) => message,
                    Err(_) => return Outcome::Lost,
                },
            };
            match message {
                Message::Request(request) => {
                    let id = request.id.clone();
                    let method = request.method.clone();
                    let handled = catch_unwind(AssertUnwindSafe(|| self.request(request)));
                    let response = handled.unwrap_or_else(|_| {
                        Response::new_err(
                            id,
                            ErrorCode::InternalError as i32,
                            format!("phi-lint failed while handling {method}"),
                        )
                    });
                    self.send(response.into());
                }
                Message::Notification(n) if n.method == "exit" => {
                    return Outcome::Exit {
                        shutdown: self.shutdown,
                    }
                }
                Message::Notification(n) => {
                    let _ = catch_unwind(AssertUnwindSafe(|| self.notification(n)));
                }
                Message::Response(_) => {}
            }
        }
    }

    /// A document whose current text is not analysed yet.
    fn pending(&self) -> Option<Url> {
        if self.shutdown {
            return None;
        }
        self.documents
            .iter()
            .find(|(_, d)| d.analysis.is_none())
            .map(|(uri, _)| uri.clone())
    }

    /// Sends a message to the client.
    fn send(&self, message: Message) {
        // Fails only once the writer thread is gone, when the client has gone too.
        let _ = self.connection.sender.send(message);
    }

    /// Sends a notification to the client.
    fn notify<N: lsp::notification::Notification>(&self, params: N::Params) {
        self.send(Notification::new(N::METHOD.to_string(), params).into());
    }

    /// Answers a request.
    fn request(&mut self, request: Request) -> Response {
        let id = request.id.clone();
        if !self.initialized && request.method != "initialize" {
            return error(id, ErrorCode::ServerNotInitialized, "initialize first");
        }
        if self.shutdown {
            return error(id, ErrorCode::InvalidRequest, "the server is shutting down");
        }
        match request.method.as_str() {
            "initialize" if self.initialized => {
                error(id, ErrorCode::InvalidRequest, "initialize was already sent")
            }
            "initialize" => match params::<lsp::InitializeParams>(&request) {
                Ok(init) => {
                    self.initialize(&init);
                    Response::new_ok(id, initialize_result())
                }
                Err(e) => e,
            },
            "shutdown" => {
                self.shutdown = true;
                Response::new_ok(id, ())
            }
            "textDocument/codeAction" => match params::<lsp::CodeActionParams>(&request) {
                Ok(p) => Response::new_ok(id, self.code_actions(&p)),
                Err(e) => e,
            },
            _ => error(
                id,
                ErrorCode::MethodNotFound,
                "phi-lint does not handle this request",
            ),
        }
    }

    /// Takes the workspace folders from `initialize`.
    fn initialize(&mut self, init: &lsp::InitializeParams) {
        self.initialized = true;
        #[allow(deprecated)] // rootUri and rootPath: for clients without workspace folders
        let roots: Vec<PathBuf> = match (&init.workspace_folders, &init.root_uri, &init.root_path) {
            (Some(folders), _, _) if !folders.is_empty() => {
                folders.iter().filter_map(|f| file_path(&f.uri)).collect()
            }
            (_, Some(uri), _) => file_path(uri).into_iter().collect(),
            (_, _, Some(path)) => vec![crate::config::normalize(Path::new(path))],
            _ => Vec::new(),
        };
        self.roots = roots;
    }

    /// Handles a notification; one with parameters it cannot read is ignored.
    fn notification(&mut self, n: Notification) {
        if !self.initialized || self.shutdown {
            return;
        }
        use lsp::notification::{
            DidChangeTextDocument, DidChangeWatchedFiles, DidChangeWorkspaceFolders,
            DidCloseTextDocument, DidOpenTextDocument, DidSaveTextDocument, Notification as _,
        };
        let ignored = |method: &str| {
            log(&format!(
                "ignored a {} notification whose parameters could not be read",
                escape::for_terminal(method)
            ));
        };
        match n.method.as_str() {
            DidOpenTextDocument::METHOD => {
                let Ok(p) = serde_json::from_value::<lsp::DidOpenTextDocumentParams>(n.params)
                else {
                    return ignored(&n.method);
                };
                let doc = p.text_document;
                // Only files have a place on disk, and so a configuration and an application.
                if let Some(path) = file_path(&doc.uri) {
                    self.documents.insert(
                        doc.uri,
                        Document {
                            path,
                            version: doc.version,
                            text: doc.text,
                            analysis: None,
                            failing: false,
                        },
                    );
                }
            }
            DidChangeTextDocument::METHOD => {
                let Ok(p) = serde_json::from_value::<lsp::DidChangeTextDocumentParams>(n.params)
                else {
                    return ignored(&n.method);
                };
                if let Some(doc) = self.documents.get_mut(&p.text_document.uri) {
                    for change in p.content_changes {
                        apply_change(&mut doc.text, change.range, &change.text);
                    }
                    doc.version = p.text_document.version;
                    doc.analysis = None;
                }
            }
            DidCloseTextDocument::METHOD => {
                let Ok(p) = serde_json::from_value::<lsp::DidCloseTextDocumentParams>(n.params)
                else {
                    return ignored(&n.method);
                };
                if self.documents.remove(&p.text_document.uri).is_some() {
                    self.notify::<lsp::notification::PublishDiagnostics>(
                        lsp::PublishDiagnosticsParams {
                            uri: p.text_document.uri,
                            diagnostics: Vec::new(),
                            version: None,
                        },
                    );
                }
            }
            // A saved file can change what other documents report: a configuration file, a
            // helper module, the facts of the application.
            DidSaveTextDocument::METHOD | DidChangeWatchedFiles::METHOD => {
                for doc in self.documents.values_mut() {
                    doc.analysis = None;
                }
            }
            DidChangeWorkspaceFolders::METHOD => {
                let Ok(p) =
                    serde_json::from_value::<lsp::DidChangeWorkspaceFoldersParams>(n.params)
                else {
                    return ignored(&n.method);
                };
                let removed: Vec<PathBuf> = p
                    .event
                    .removed
                    .iter()
                    .filter_map(|f| file_path(&f.uri))
                    .collect();
                self.roots.retain(|r| !removed.contains(r));
                self.roots
                    .extend(p.event.added.iter().filter_map(|f| file_path(&f.uri)));
                for doc in self.documents.values_mut() {
                    doc.analysis = None;
                }
            }
            _ => {}
        }
    }

    /// The scan root of a document: the deepest workspace folder holding it, else its
    /// directory (what `scan --stdin-filename` run from there would use).
    fn root_for(&self, path: &Path) -> PathBuf {
        self.roots
            .iter()
            .filter(|r| path.starts_with(r))
            .max_by_key(|r| r.components().count())
            .cloned()
            .unwrap_or_else(|| crate::config::parent_dir(path))
    }

    /// Analyses `text` as the file at `path`. `Ok(None)`: phi-lint does not analyse this kind
    /// of file.
    fn analyse(&self, path: &Path, text: &str) -> Result<Option<(FileKind, crate::Report)>, Error> {
        // Helper modules and manifests may have changed on disk since the last analysis.
        crate::memo::forget();
        let root = self.root_for(path);
        let resolver = Resolver::new(&Overrides::default(), &root)?;
        let kind = {
            let settings = resolver.get(resolver.for_file(path));
            FileKind::from_path(path, settings.scans_config())
        };
        let read = |_limit: u64| Ok(text.as_bytes().to_vec());
        let report = crate::check_buffer(&resolver, &root, path, read, &self.options)?;
        Ok(kind.zip(report))
    }

    /// Analyses a document's current text and publishes its diagnostics.
    fn refresh(&mut self, uri: &Url) {
        let Some(doc) = self.documents.get(uri) else {
            return;
        };
        let result = self.analyse(&doc.path, &doc.text);
        let failing = result.is_err();
        let analysis = match result {
            Ok(Some((kind, report))) => {
                let mut published: Vec<lsp::Diagnostic> =
                    report.diagnostics.iter().map(finding_diagnostic).collect();
                published.extend(
                    report
                        .notifications
                        .iter()
                        .map(|n| notification_diagnostic(n, &doc.text)),
                );
                Analysis {
                    kind: Some(kind),
                    findings: report.diagnostics,
                    published,
                    fixes: HashMap::new(),
                }
            }
            Ok(None) => Analysis {
                kind: None,
                findings: Vec::new(),
                published: Vec::new(),
                fixes: HashMap::new(),
            },
            Err(e) => {
                // Once, not at every keystroke while a configuration stays broken.
                if !doc.failing {
                    log(&format!(
                        "{}: not analysed (the reason is shown in the editor)",
                        escape::path(&doc.path)
                    ));
                }
                Analysis {
                    kind: None,
                    findings: Vec::new(),
                    published: vec![lsp::Diagnostic {
                        range: lsp::Range::default(),
                        severity: Some(lsp::DiagnosticSeverity::ERROR),
                        source: Some("phi-lint".into()),
                        message: format!("phi-lint could not analyse this file: {e}"),
                        ..Default::default()
                    }],
                    fixes: HashMap::new(),
                }
            }
        };
        let params = lsp::PublishDiagnosticsParams {
            uri: uri.clone(),
            diagnostics: analysis.published.clone(),
            version: Some(doc.version),
        };
        if let Some(doc) = self.documents.get_mut(uri) {
            doc.failing = failing;
            doc.analysis = Some(analysis);
        }
        self.notify::<lsp::notification::PublishDiagnostics>(params);
    }

    /// Publishes, for a document whose analysis failed in phi-lint itself, that it was not
    /// analysed (and does not try again until it changes).
    fn failed(&mut self, uri: &Url) {
        let Some(doc) = self.documents.get_mut(uri) else {
            return;
        };
        let published = vec![lsp::Diagnostic {
            range: lsp::Range::default(),
            severity: Some(lsp::DiagnosticSeverity::ERROR),
            source: Some("phi-lint".into()),
            message: "internal error while analysing this file (please report it); not analysed"
                .into(),
            ..Default::default()
        }];
        let params = lsp::PublishDiagnosticsParams {
            uri: uri.clone(),
            diagnostics: published.clone(),
            version: Some(doc.version),
        };
        doc.analysis = Some(Analysis {
            kind: None,
            findings: Vec::new(),
            published,
            fixes: HashMap::new(),
        });
        self.notify::<lsp::notification::PublishDiagnostics>(params);
    }

    /// `textDocument/codeAction`: a suppression comment for each finding in the range.
    fn code_actions(&mut self, p: &lsp::CodeActionParams) -> Vec<lsp::CodeActionOrCommand> {
        let wants_quickfix = p.context.only.as_ref().is_none_or(|only| {
            only.iter()
                .any(|k| k.as_str().is_empty() || k.as_str() == "quickfix")
        });
        let uri = &p.text_document.uri;
        if !wants_quickfix || !self.documents.contains_key(uri) {
            return Vec::new();
        }
        if self
            .documents
            .get(uri)
            .is_some_and(|d| d.analysis.is_none())
        {
            self.refresh(uri);
        }
        let Some(doc) = self.documents.get(uri) else {
            return Vec::new();
        };
        let Some(analysis) = &doc.analysis else {
            return Vec::new();
        };
        let Some(kind) = analysis.kind else {
            return Vec::new();
        };
        let wanted: Vec<(usize, Diagnostic)> = analysis
            .findings
            .iter()
            .enumerate()
            .filter(|(_, f)| {
                let start = f.start.line.saturating_sub(1);
                let end = f.end.line.max(f.start.line).saturating_sub(1);
                start <= p.range.end.line && end >= p.range.start.line
            })
            .take(MAX_FIXES_PER_REQUEST)
            .map(|(i, f)| (i, f.clone()))
            .collect();
        let started = std::time::Instant::now();
        let mut actions = Vec::new();
        for (i, finding) in wanted {
            let known = self
                .documents
                .get(uri)
                .and_then(|d| d.analysis.as_ref())
                .and_then(|a| a.fixes.get(&finding.fingerprint).cloned());
            let edit = match known {
                Some(edit) => edit,
                None if started.elapsed() > FIX_CHECK_TIME => continue,
                None => {
                    let edit = self.suppression_edit(uri, kind, &finding);
                    if let Some(a) = self
                        .documents
                        .get_mut(uri)
                        .and_then(|d| d.analysis.as_mut())
                    {
                        a.fixes.insert(finding.fingerprint.clone(), edit.clone());
                    }
                    edit
                }
            };
            let Some(edit) = edit else { continue };
            let diagnostic = self
                .documents
                .get(uri)
                .and_then(|d| d.analysis.as_ref())
                .and_then(|a| a.published.get(i).cloned());
            actions.push(lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
                title: format!(
                    "Suppress {} ({}) on this line with a phi-lint: ignore comment",
                    finding.rule.code, finding.rule.name
                ),
                kind: Some(lsp::CodeActionKind::QUICKFIX),
                diagnostics: diagnostic.map(|d| vec![d]),
                edit: Some(lsp::WorkspaceEdit {
                    changes: Some(HashMap::from([(uri.clone(), vec![edit])])),
                    ..Default::default()
                }),
                is_preferred: Some(false),
                ..Default::default()
            }));
        }
        actions
    }

    /// The first placement of a suppression comment for `finding` that suppresses it when the
    /// edited text is analysed again and that parses no worse than the text did.
    fn suppression_edit(
        &self,
        uri: &Url,
        kind: FileKind,
        finding: &Diagnostic,
    ) -> Option<lsp::TextEdit> {
        let doc = self.documents.get(uri)?;
        let line = finding.start.line.checked_sub(1)? as usize;
        let range = line_range(&doc.text, line)?;
        let code_line = &doc.text[range.clone()];
        let indent: String = code_line
            .chars()
            .take_while(|c| *c == ' ' || *c == '\t')
            .collect();
        let eol = if doc.text[range.end..].starts_with("\r\n") {
            "\r\n"
        } else {
            "\n"
        };
        // A line continuation (`\` at the end of a line) joins the next line to it: a comment
        // line after it, or a comment after the `\`, breaks the code.
        let continues = |line: &str| line.trim_end().ends_with('\\');
        let continued = range.start > 0
            && line_range(&doc.text, line.wrapping_sub(1)).is_some_and(|r| continues(&doc.text[r]));
        let broken_before = has_syntax_error(kind, &doc.text);
        for placement in placements(kind, &doc.path) {
            let comment = format!(
                "{}phi-lint: ignore[{}] {REASON_PLACEHOLDER}{}",
                placement.open, finding.rule.code, placement.close
            );
            let (at, inserted, shift) = match placement.at {
                Place::Above if continued => continue,
                Place::Above => (range.start, format!("{indent}{comment}{eol}"), 1),
                Place::Start => (range.start + indent.len(), format!("{comment} "), 0),
                Place::End if continues(code_line) => continue,
                Place::End => (range.end, format!("{}{comment}", placement.gap), 0),
            };
            let mut edited = String::with_capacity(doc.text.len() + inserted.len());
            edited.push_str(&doc.text[..at]);
            edited.push_str(&inserted);
            edited.push_str(&doc.text[at..]);
            if broken_before == Some(false) && has_syntax_error(kind, &edited) != Some(false) {
                continue;
            }
            let Ok(Some((_, report))) = self.analyse(&doc.path, &edited) else {
                continue;
            };
            let still_there = report.diagnostics.iter().any(|d| {
                d.rule.code == finding.rule.code
                    && (d.fingerprint == finding.fingerprint
                        || d.start.line == finding.start.line + shift)
            });
            if still_there {
                continue;
            }
            let position = position_of(&doc.text, at);
            return Some(lsp::TextEdit {
                range: lsp::Range::new(position, position),
                new_text: inserted,
            });
        }
        None
    }
}

/// Reads a request's parameters, or the error response to send.
fn params<P: serde::de::DeserializeOwned>(request: &Request) -> Result<P, Response> {
    serde_json::from_value(request.params.clone()).map_err(|e| {
        error(
            request.id.clone(),
            ErrorCode::InvalidParams,
            &format!("invalid parameters for {}: {e}", request.method),
        )
    })
}

/// An error response.
fn error(id: RequestId, code: ErrorCode, message: &str) -> Response {
    Response::new_err(id, code as i32, message.to_string())
}

/// The `initialize` result: full-text synchronisation with save notifications, quick fixes,
/// workspace folders, UTF-16 positions.
fn initialize_result() -> lsp::InitializeResult {
    lsp::InitializeResult {
        capabilities: lsp::ServerCapabilities {
            position_encoding: Some(lsp::PositionEncodingKind::UTF16),
            text_document_sync: Some(lsp::TextDocumentSyncCapability::Options(
                lsp::TextDocumentSyncOptions {
                    open_close: Some(true),
                    change: Some(lsp::TextDocumentSyncKind::FULL),
                    save: Some(lsp::TextDocumentSyncSaveOptions::Supported(true)),
                    ..Default::default()
                },
            )),
            code_action_provider: Some(lsp::CodeActionProviderCapability::Options(
                lsp::CodeActionOptions {
                    code_action_kinds: Some(vec![lsp::CodeActionKind::QUICKFIX]),
                    resolve_provider: Some(false),
                    ..Default::default()
                },
            )),
            workspace: Some(lsp::WorkspaceServerCapabilities {
                workspace_folders: Some(lsp::WorkspaceFoldersServerCapabilities {
                    supported: Some(true),
                    change_notifications: Some(lsp::OneOf::Left(true)),
                }),
                file_operations: None,
            }),
            ..Default::default()
        },
        server_info: Some(lsp::ServerInfo {
            name: "phi-lint".into(),
            version: Some(env!("CARGO_PKG_VERSION").into()),
        }),
    }
}

/// The path of a `file:` URI, absolute and normalised; `None` for other schemes.
fn file_path(uri: &Url) -> Option<PathBuf> {
    if uri.scheme() != "file" {
        return None;
    }
    uri.to_file_path()
        .ok()
        .map(|p| crate::config::normalize(&p))
}

/// A finding as an LSP diagnostic.
fn finding_diagnostic(d: &Diagnostic) -> lsp::Diagnostic {
    let position = |p: &crate::diagnostic::Position| {
        lsp::Position::new(p.line.saturating_sub(1), p.utf16_column.saturating_sub(1))
    };
    lsp::Diagnostic {
        range: lsp::Range::new(position(&d.start), position(&d.end)),
        severity: Some(match d.level {
            Level::Error => lsp::DiagnosticSeverity::ERROR,
            Level::Warning => lsp::DiagnosticSeverity::WARNING,
            Level::Note => lsp::DiagnosticSeverity::INFORMATION,
        }),
        code: Some(lsp::NumberOrString::String(d.rule.code.to_string())),
        code_description: Url::parse(&crate::output::sarif::help_uri(d.rule))
            .ok()
            .map(|href| lsp::CodeDescription { href }),
        source: Some("phi-lint".into()),
        message: format!("{} [{}, {}]", d.message, d.rule.name, d.rule.citation()),
        ..Default::default()
    }
}

/// A problem with the file (not fully analysed, a suppression naming an unknown rule) as an LSP
/// diagnostic on its line, or the first line.
fn notification_diagnostic(n: &FileNotification, text: &str) -> lsp::Diagnostic {
    let line = n.line.map_or(0, |l| l.saturating_sub(1));
    let end = line_range(text, line as usize).map_or(0, |r| utf16_len(&text[r]));
    lsp::Diagnostic {
        range: lsp::Range::new(lsp::Position::new(line, 0), lsp::Position::new(line, end)),
        severity: Some(match n.level {
            NotificationLevel::Error => lsp::DiagnosticSeverity::ERROR,
            NotificationLevel::Warning => lsp::DiagnosticSeverity::WARNING,
            NotificationLevel::Note => lsp::DiagnosticSeverity::INFORMATION,
        }),
        source: Some("phi-lint".into()),
        message: n.message.clone(),
        ..Default::default()
    }
}

/// Where a suppression comment goes, relative to the first line of a finding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Place {
    /// On a line of its own above it (a comment alone on its line also covers the next line).
    Above,
    /// At its start, after the indentation (a comment covers its own line).
    Start,
    /// At its end.
    End,
}

/// A way of writing a suppression comment, in the order tried.
struct Placement {
    /// Where.
    at: Place,
    /// Before the directive (`# `, `// `, `{/* `).
    open: &'static str,
    /// After the reason (` */}`).
    close: &'static str,
    /// Between the code and a trailing comment.
    gap: &'static str,
}

/// The placements of a suppression comment in a file of `kind`: a comment line above the
/// finding, else a trailing comment; in JavaScript and TSX also a JSX comment (`{/* */}`) at
/// the start of the line, for findings among JSX children, where `//` is text (and where a
/// comment alone on its line would still share it with the braces, so covers only that line).
/// None in `.json` files: a comment is not JSON, and the file's other readers would fail on it.
fn placements(kind: FileKind, path: &Path) -> Vec<Placement> {
    use crate::config_files::Format;
    let line = |open: &'static str, gap: &'static str| {
        [
            Placement {
                at: Place::Above,
                open,
                close: "",
                gap: "",
            },
            Placement {
                at: Place::End,
                open,
                close: "",
                gap,
            },
        ]
    };
    let hash = line("# ", "  ");
    let slashes = line("// ", " ");
    match kind {
        FileKind::Code(Language::Python) => hash.into(),
        FileKind::Code(Language::Rust | Language::TypeScript) => slashes.into(),
        FileKind::Code(Language::JavaScript | Language::Tsx) => {
            let mut all: Vec<Placement> = slashes.into();
            all.push(Placement {
                at: Place::Start,
                open: "{/* ",
                close: " */}",
                gap: "",
            });
            all
        }
        FileKind::Config(Format::Yaml | Format::Toml | Format::Env) => hash.into(),
        FileKind::Config(Format::Json5) => slashes.into(),
        FileKind::Config(Format::Json) => {
            let jsonc = path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("jsonc"));
            if jsonc {
                slashes.into()
            } else {
                Vec::new()
            }
        }
    }
}

/// Whether `text` has a syntax error in the grammar of `kind`; `None` when that cannot be told
/// (dotenv has no grammar, the parse stopped at its limits, the text is over the size limit).
fn has_syntax_error(kind: FileKind, text: &str) -> Option<bool> {
    if text.len() as u64 > crate::limits::MAX_FILE_SIZE {
        return None;
    }
    let (grammar, parsed) = match kind {
        FileKind::Code(lang) => (lang.grammar(), std::borrow::Cow::Borrowed(text)),
        FileKind::Config(format) if crate::config_files::unsafe_to_parse(format, text) => {
            return None
        }
        FileKind::Config(format) => (
            format.grammar()?,
            crate::config_files::parse_text(format, text),
        ),
    };
    let mut parser = tree_sitter::Parser::new();
    parser.set_language(&grammar).ok()?;
    let (tree, _) =
        crate::engine::parse_bounded(&mut parser, &parsed, crate::limits::PARSE_TIMEOUT);
    Some(tree.ok()?.root_node().has_error())
}

/// The byte range of 0-based line `line` of `text`, without its line break.
fn line_range(text: &str, line: usize) -> Option<std::ops::Range<usize>> {
    let start = if line == 0 {
        0
    } else {
        text.match_indices('\n').nth(line - 1)?.0 + 1
    };
    let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let end = if text[start..end].ends_with('\r') {
        end - 1
    } else {
        end
    };
    Some(start..end)
}

/// The length of `s` in UTF-16 code units (LSP's default position encoding).
fn utf16_len(s: &str) -> u32 {
    u32::try_from(s.encode_utf16().count()).unwrap_or(u32::MAX)
}

/// The LSP position (0-based line, UTF-16 column) of byte offset `at` of `text`.
fn position_of(text: &str, at: usize) -> lsp::Position {
    let before = text.get(..at).unwrap_or(text);
    let line = before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    lsp::Position::new(
        u32::try_from(line).unwrap_or(u32::MAX),
        utf16_len(&before[line_start..]),
    )
}

/// The byte offset of an LSP position in `text`: a line past the end is the end of the text, a
/// column past the end of its line is the end of the line, and a column inside a character
/// that takes two UTF-16 units is that character's start.
fn offset_of(text: &str, position: lsp::Position) -> usize {
    let Some(range) = line_range(text, position.line as usize) else {
        return text.len();
    };
    let mut units = 0u32;
    for (i, c) in text[range.clone()].char_indices() {
        units += c.len_utf16() as u32;
        if units > position.character {
            return range.start + i;
        }
    }
    range.end
}

/// Applies one `didChange` content change: the whole text, or a range of it.
fn apply_change(text: &mut String, range: Option<lsp::Range>, new: &str) {
    match range {
        None => *text = new.to_string(),
        Some(range) => {
            let start = offset_of(text, range.start);
            let end = offset_of(text, range.end).max(start);
            text.replace_range(start..end, new);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_utf16_units_and_clamp() {
        let text = "a\r\nxé😀z\nlast";
        assert_eq!(line_range(text, 0), Some(0..1));
        assert_eq!(line_range(text, 1), Some(3..11));
        assert_eq!(line_range(text, 2), Some(12..16));
        assert_eq!(line_range(text, 3), None);
        // x é 😀(2 units) z
        assert_eq!(offset_of(text, lsp::Position::new(1, 2)), 6);
        assert_eq!(offset_of(text, lsp::Position::new(1, 4)), 10);
        // Inside the surrogate pair: the character's start.
        assert_eq!(offset_of(text, lsp::Position::new(1, 3)), 6);
        assert_eq!(offset_of(text, lsp::Position::new(1, 99)), 11);
        assert_eq!(offset_of(text, lsp::Position::new(9, 0)), text.len());
        assert_eq!(position_of(text, 10), lsp::Position::new(1, 4));
        assert_eq!(position_of(text, 12), lsp::Position::new(2, 0));
    }

    #[test]
    fn range_changes_apply_and_never_panic() {
        let mut text = String::from("ab\ncd\n");
        apply_change(
            &mut text,
            Some(lsp::Range::new(
                lsp::Position::new(1, 0),
                lsp::Position::new(1, 1),
            )),
            "X",
        );
        assert_eq!(text, "ab\nXd\n");
        // Reversed and out-of-range positions.
        apply_change(
            &mut text,
            Some(lsp::Range::new(
                lsp::Position::new(7, 3),
                lsp::Position::new(0, 1),
            )),
            "!",
        );
        assert_eq!(text, "ab\nXd\n!");
        apply_change(&mut text, None, "new");
        assert_eq!(text, "new");
    }

    #[test]
    fn comment_syntax_follows_the_file() {
        use crate::config_files::Format;
        let first = |kind, path: &str| placements(kind, Path::new(path)).first().map(|p| p.open);
        assert_eq!(first(FileKind::Code(Language::Python), "a.py"), Some("# "));
        assert_eq!(first(FileKind::Code(Language::Rust), "a.rs"), Some("// "));
        assert_eq!(
            placements(FileKind::Code(Language::Tsx), Path::new("a.tsx")).len(),
            3
        );
        assert_eq!(first(FileKind::Config(Format::Yaml), "a.yml"), Some("# "));
        assert_eq!(first(FileKind::Config(Format::Json), "a.json"), None);
        assert_eq!(
            first(FileKind::Config(Format::Json), "a.jsonc"),
            Some("// ")
        );
    }
}
