//! PHI704 phi-sent-to-third-party.

use tree_sitter::Node;

use super::vendors::{self, Code, Payload, Vendor, VendorKind};
use crate::declare_rule;
use crate::engine::{Checker, Match};
use crate::flow::{Evidence, Purpose};
use crate::lang::Family;
use crate::phi::tokenize;
use crate::rules::{Confidence, Level};
use crate::tree::NodeExt;

declare_rule! {
    /// ## What it does
    /// Flags PHI sent to analytics, tracking, LLM and messaging vendors. Which library calls
    /// send data to which vendor is the table `sinks/third-party.toml`, one row per call:
    /// Segment and RudderStack (`analytics.track/identify/page`), Mixpanel (`track`,
    /// `people_set`, `people.set`), Amplitude, PostHog (`capture`, `identify`), Heap,
    /// FullStory, Google Analytics (`gtag`, `dataLayer.push`, react-ga4, Firebase `logEvent`),
    /// Meta Pixel (`fbq`, react-facebook-pixel), Hotjar, LogRocket, Customer.io, Klaviyo; OpenAI
    /// (`client.chat.completions.create`, `responses.create`, `embeddings.create`, the Agents
    /// SDK's `Runner.run`), Anthropic (`messages.create`), Google Gemini and Vertex AI
    /// (`generate_content`, `generateContent`), AWS Bedrock (`invoke_model`, `converse`,
    /// `client.send(new InvokeModelCommand(..))`), Mistral, Cohere, Groq, OpenRouter, Replicate
    /// (`replicate.run`), Hugging Face inference (`hf.summarization`), langchain chat models
    /// and chains (`llm.invoke`, `.stream`, `.batch` on a `ChatOpenAI`, `ChatAnthropic`, ...),
    /// the Vercel AI SDK (`generateText`, `streamText`, `generateObject` with the provider from
    /// `model`); Twilio SMS (`messages.create` with PHI in its `body`), Slack, Microsoft Teams
    /// webhooks, PagerDuty and Intercom. A client is
    /// recognised by its name or by what it is bound to: a constructor (`client = OpenAI()`), a
    /// module (`import posthog from "posthog-js"`), a class member (`this.llm = new
    /// ChatOpenAI()`, `self.client = OpenAI()`), a cloud factory
    /// (`boto3.client("bedrock-runtime")`). A request to a vendor's API host by URL
    /// (`requests.post("https://api.segment.io/v1/track", ...)`) counts too, and so does one to a
    /// URL taken from a setting named for an LLM or messaging vendor
    /// (`fetch(env.TEAMS_WEBHOOK_URL, ..)`); in Rust a
    /// reqwest request whose URL or credentials name the vendor
    /// (`.post(&cfg.llm.endpoint).bearer_auth(env::var("OPENAI_API_KEY")?).json(&body)`).
    ///
    /// The application's own wrappers are followed into the module that defines them:
    /// `trackAction("open", { patient_name })`, imported from a module where
    /// `trackAction(action, params)` calls `gtag("event", action, params)`, is reported at the
    /// call that passes the PHI (one more function of that module deep). A wrapper whose module
    /// cannot be read is judged by its name (`trackAnalyticsEvent`) at low confidence.
    ///
    /// Unlike in logs, an internal patient id counts here: used as a `distinct_id` or
    /// `user_id` it ties the vendor's profile to a patient.
    ///
    /// ## Why is this bad?
    /// A vendor that receives PHI is a business associate and needs a business associate
    /// agreement (45 CFR 164.502(e)); most analytics and tracking vendors do not sign one. HHS
    /// treats PHI sent to tracking technologies without a BAA as an impermissible disclosure.
    ///
    /// ## Example
    /// ```javascript
    /// analytics.identify(patient.id, { email: patient.email, dob: patient.dob });
    /// ```
    ///
    /// ## Use instead
    /// ```javascript
    /// analytics.identify(session.anonymousId, { plan: account.plan });
    /// ```
    /// or list the vendor under `baa-vendors` once a BAA is signed.
    ///
    /// ## Known limitations
    /// A client passed in from elsewhere (a parameter without a vendor type) is recognised
    /// only by its name. Wrappers are followed one module away, through relative imports and
    /// Python package imports; a PHI value hidden behind a condition (`highRisk ? "high-risk" :
    /// "routine"`) is not seen. A self-hosted model behind an OpenAI-compatible API is not a
    /// third party and is not reported unless its URL or key names a vendor.
    ///
    /// ## References
    /// - 45 CFR 164.502(e) (disclosures to business associates), 164.502(b) (minimum necessary)
    /// - HHS OCR bulletin on online tracking technologies (2022, revised 2024)
    /// - CWE-359: Exposure of Private Personal Information to an Unauthorized Actor
    pub PHI_SENT_TO_THIRD_PARTY = "PHI704" {
        name: "phi-sent-to-third-party",
        file: phi_sent_to_third_party,
        category: PhiExposure,
        safeguards: [BusinessAssociateDisclosure, MinimumNecessary],
        level: Error,
        confidence: High,
        cwe: [359],
        queries: [python, ecma, rust],
        check: check,
        prefilter: crate::rules::Prefilter::Phi,
    }
}

fn check<'a>(checker: &mut Checker<'a>, m: &Match<'a>) {
    let Some(sink) = m.get("sink") else { return };
    if checker.file.lang.family() == Family::Rust {
        rust_request(checker, m, sink);
        return;
    }
    let code = Code {
        source: checker.file.source,
        root: checker.file.tree.root_node(),
        family: checker.file.lang.family(),
        flow: &checker.file.flow,
    };
    if let Some(sent) = code.recognize(sink) {
        if covered(checker, sent.vendor) {
            return;
        }
        let mut evidence = match &sent.payload {
            Payload::Args(args) => strongest(checker, *args),
            Payload::Values(values) => strongest_of(checker, values),
        };
        // The chat messages of an LLM request, the event objects of an analytics call
        // (`BaseEvent(user_id=..)`): what they are built from is sent.
        if let Payload::Args(args) = &sent.payload {
            let inner = message_contents(checker, *args);
            evidence = crate::flow::max(evidence, strongest_of(checker, &inner));
        }
        if let Some(evidence) = evidence {
            let callee = checker.sink_name(sink);
            let message = format!(
                "{} is sent to {} by `{callee}`, a vendor not listed in `baa-vendors`",
                evidence.describe(),
                sent.vendor.id
            );
            report(checker, sink, evidence, message, None);
        }
        return;
    }
    if let Some((vendor, args, how)) = request_to_vendor_host(checker, sink) {
        if covered(checker, vendor) {
            return;
        }
        if let Some(evidence) = strongest(checker, args) {
            let callee = checker.sink_name(sink);
            let message = format!(
                "{} is sent to {} by `{callee}` ({how}), a vendor not listed in `baa-vendors`",
                evidence.describe(),
                vendor.id
            );
            report(checker, sink, evidence, message, None);
        }
        return;
    }
    wrapper_call(checker, &code, sink);
}

fn covered(checker: &Checker<'_>, v: &Vendor) -> bool {
    vendors::covered(&checker.file.settings.baa_vendors, v)
}

/// Reports at the PHI when it sits on the line of the call, else at the call: a multi-line
/// `messages.create({...})` is reported where the request is made, naming the value.
fn report<'a>(
    checker: &mut Checker<'a>,
    sink: Node<'a>,
    mut evidence: Evidence<'a>,
    message: String,
    confidence: Option<Confidence>,
) {
    let at = sink.field("function").unwrap_or(sink);
    if evidence.node.start_position().row != at.start_position().row
        || !(sink.start_byte() <= evidence.node.start_byte()
            && evidence.node.end_byte() <= sink.end_byte())
    {
        evidence.node = at;
    }
    match confidence {
        Some(c) => {
            let level = if evidence.class.is_strong_identifier() {
                Level::Error
            } else {
                Level::Warning
            };
            let c = c.min(Confidence::from_score(evidence.class.score));
            checker.report(evidence.node, sink, message, level, c);
        }
        None => checker.report_phi(sink, &evidence, message),
    }
}

/// The arguments of chat message objects in an LLM request (`new HumanMessage(text)`,
/// `HumanMessage(content=text)`, `ChatMessage(role, text)`) and of event objects in an
/// analytics call (`BaseEvent(event_type=.., user_id=..)`): they carry their values into the
/// request like a `{ role, content }` literal does.
fn message_contents<'a>(checker: &Checker<'a>, args: Node<'a>) -> Vec<Node<'a>> {
    let mut out = Vec::new();
    let mut budget = 2000usize;
    crate::tree::preorder(args, |n, _| {
        budget = budget.saturating_sub(1);
        if budget == 0 || out.len() >= 16 {
            return crate::tree::Walk::Stop;
        }
        if matches!(n.kind(), "new_expression" | "call" | "call_expression") {
            let callee = n.field("constructor").or_else(|| n.field("function"));
            let name = callee.map(|c| checker.text(c)).unwrap_or("");
            let last = name.rsplit(['.', ':']).next().unwrap_or(name);
            let built = |suffix: &str| last.ends_with(suffix) && last.len() > suffix.len();
            if built("Message") || built("Event") {
                if let Some(a) = n.field("arguments") {
                    let mut cursor = a.walk();
                    out.extend(
                        a.named_children(&mut cursor)
                            .filter(|c| c.kind() != "comment"),
                    );
                }
            }
        }
        crate::tree::Walk::Descend
    });
    out
}

/// The strongest PHI among the arguments, internal patient ids included.
fn strongest<'a>(checker: &Checker<'a>, args: Node<'a>) -> Option<Evidence<'a>> {
    crate::rules::phi_logging::strongest_arg_with_ids(checker, args, Purpose::Exposure)
        .filter(|e| e.class.score >= 0.5)
}

/// The strongest PHI among some argument values (keyword arguments are read with their key).
fn strongest_of<'a>(checker: &Checker<'a>, values: &[Node<'a>]) -> Option<Evidence<'a>> {
    let flow = &checker.file.flow;
    let mut all: Vec<Evidence<'a>> = Vec::new();
    for v in values {
        let ev = if v.kind() == "keyword_argument" {
            match (v.field("name"), v.field("value")) {
                (Some(k), Some(val)) => flow.eval_keyed(checker.text(k), k, val, Purpose::Exposure),
                _ => None,
            }
        } else {
            checker.phi(*v, Purpose::Exposure)
        };
        all.extend(ev);
    }
    let mut best: Option<Evidence<'a>> = None;
    for e in &all {
        best = crate::flow::max(best, Some(e.clone()));
    }
    let best = best.filter(|e| e.class.score >= 0.5)?;
    let others: Vec<Evidence<'a>> = all
        .into_iter()
        .filter(|e| e.node.id() != best.node.id() || e.name != best.name)
        .collect();
    Some(best.with_others(others, 0.5))
}

/// `requests.post("https://api.segment.io/v1/track", json=...)`,
/// `fetch("https://api.openai.com/v1/chat/completions", { body })`: a request whose literal URL
/// is on a vendor's API host, or whose URL comes from a setting named for a vendor
/// (`fetch(env.TEAMS_WEBHOOK_URL, ..)`, `httpx.post(os.environ["SLACK_WEBHOOK"], json=..)`).
fn request_to_vendor_host<'a>(
    checker: &Checker<'a>,
    call: Node<'a>,
) -> Option<(&'static Vendor, Node<'a>, &'static str)> {
    let callee = call.field("function")?;
    let text = checker.text(callee);
    let last = text.rsplit(['.', ':']).next().unwrap_or(text);
    if !matches!(
        last,
        "post" | "put" | "patch" | "fetch" | "request" | "urlopen" | "Request"
    ) {
        return None;
    }
    let args = call.field("arguments")?;
    let first = args.named_child(0)?;
    let url = match first.kind() {
        "keyword_argument" => first.field("value")?,
        _ => first,
    };
    let text = checker.text(url);
    if let Some(host) = vendors::url_host(text) {
        return Some((
            vendors::host_vendor(host)?,
            args,
            "a request to its API host",
        ));
    }
    // A URL taken from a setting named for the vendor (`os.environ["GC_SLACK_WEBHOOK"]`,
    // `env.TEAMS_WEBHOOK_URL`, `settings.intercom_url`), as for Rust requests. Analytics
    // vendors are named too loosely (`analytics_url`) to count.
    if text.len() > 200
        || !matches!(
            url.kind(),
            "subscript"
                | "attribute"
                | "member_expression"
                | "identifier"
                | "binary_operator"
                | "call"
                | "template_string"
                | "string"
        )
    {
        return None;
    }
    let vendor = vendors::vendor_named_in(text, |v| v.kind != VendorKind::Analytics)?;
    Some((vendor, args, "a request to a URL named for it"))
}

/// Rust: a reqwest request whose URL, host or credentials name a vendor
/// (`http.post("https://api.openai.com/..")`, `.post(&cfg.openai_url)`,
/// `.bearer_auth(env::var("OPENAI_API_KEY")?)`), with PHI in its `.json(..)`, `.body(..)`,
/// `.form(..)` or `.query(..)`.
fn rust_request<'a>(checker: &mut Checker<'a>, m: &Match<'a>, sink: Node<'a>) {
    let Some(args) = m.get("args") else { return };
    // Walk down the chain: `client.post(url).bearer_auth(k).json(&body)`.
    let mut url_call: Option<(Node<'a>, Node<'a>)> = None;
    let mut named: Vec<Node<'a>> = Vec::new();
    let mut node = sink;
    let mut steps = 0;
    while let Some(func) = node.field("function") {
        steps += 1;
        if steps > 16 || func.kind() != "field_expression" {
            break;
        }
        let method = func.field("field").map(|f| checker.text(f)).unwrap_or("");
        if let Some(a) = node.field("arguments") {
            if matches!(method, "post" | "put" | "patch" | "get" | "request") {
                url_call = Some((func.field("field").unwrap_or(func), a));
            }
            if matches!(
                method,
                "post"
                    | "put"
                    | "patch"
                    | "get"
                    | "request"
                    | "bearer_auth"
                    | "header"
                    | "basic_auth"
            ) {
                named.push(a);
            }
        }
        let Some(value) = func.field("value") else {
            break;
        };
        node = value;
        if node.kind() != "call_expression" {
            break;
        }
    }
    let Some((at, _)) = url_call else { return };
    let vendor = named.iter().find_map(|a| {
        let text = checker.text(*a);
        if let Some(host) = vendors::url_host(text.trim_matches(['(', ')', '&', ' '])) {
            if let Some(v) = vendors::host_vendor(host) {
                return Some(v);
            }
        }
        vendors::vendor_named_in(text, |v| v.kind != VendorKind::Analytics)
    });
    let Some(vendor) = vendor else { return };
    if covered(checker, vendor) {
        return;
    }
    let Some(mut evidence) = strongest(checker, args) else {
        return;
    };
    let method = checker.text(at);
    let message = format!(
        "{} is sent to {} by a `{method}` request to its API, a vendor not listed in `baa-vendors`",
        evidence.describe(),
        vendor.id
    );
    evidence.node = at;
    checker.report_phi(sink, &evidence, message);
}

/// A call of the application's own wrapper around a vendor SDK, defined in another module:
/// `trackAction("open", { patient_name })` where `trackAction(action, params)` calls
/// `gtag("event", action, params)`. The module is read and the wrapper summarised (which of its
/// parameters reach which vendor call, one more local call deep); the arguments passed there
/// are asked. A wrapper that cannot be read is judged by its name alone, at low confidence.
fn wrapper_call<'a>(checker: &mut Checker<'a>, code: &Code<'a, '_>, call: Node<'a>) {
    let Some(func) = call.field("function") else {
        return;
    };
    let Some(args) = call.field("arguments") else {
        return;
    };
    let flow = &checker.file.flow;
    let (module_name, name) = match func.kind() {
        "identifier" => (checker.text(func), checker.text(func)),
        "attribute" | "member_expression" => {
            let object = func.field("object");
            let prop = func.field("attribute").or_else(|| func.field("property"));
            match (object, prop) {
                (Some(o), Some(p)) if o.kind() == "identifier" => {
                    (checker.text(o), checker.text(p))
                }
                _ => return,
            }
        }
        _ => return,
    };
    // A function of this file: its own sink is reported with what callers pass.
    if func.kind() == "identifier" && flow.function_named(name).is_some() {
        return;
    }
    // Cheap tests first: the name is imported from a sibling module (a table lookup), or reads
    // as an analytics call; the module's summary is cached for the scan, and the arguments are
    // asked only of a wrapper.
    if !flow.imports_name(module_name) {
        if func.kind() == "identifier"
            && reads_as_analytics(name)
            && code.module_of(name).is_none()
            && strongest(checker, args).is_some()
        {
            by_name(checker, call, args);
        }
        return;
    }
    let Some((path, imported)) = flow.imported_from(module_name) else {
        return;
    };
    let target = if imported.is_empty() {
        name.to_string()
    } else if func.kind() == "identifier" {
        imported
    } else {
        return;
    };
    let Some(summary) = summary(&path, &target, checker.file.settings) else {
        return;
    };
    let Some(vendor) = vendors::by_id(summary.vendor) else {
        return;
    };
    if covered(checker, vendor) {
        return;
    }
    let mut values = Vec::new();
    let mut cursor = args.walk();
    for (i, arg) in args
        .named_children(&mut cursor)
        .filter(|a| a.kind() != "comment")
        .enumerate()
    {
        let by_keyword = arg.kind() == "keyword_argument"
            && arg
                .field("name")
                .is_some_and(|k| summary.params.iter().any(|(_, p)| p == checker.text(k)));
        let positional =
            arg.kind() != "keyword_argument" && summary.params.iter().any(|(j, _)| *j == i);
        if by_keyword || positional {
            values.push(arg);
        }
    }
    let Some(evidence) = strongest_of(checker, &values) else {
        return;
    };
    let callee = checker.sink_name(call);
    let message = format!(
        "{} is sent to {} by `{callee}`, which passes it to `{}`, a vendor not listed in `baa-vendors`",
        evidence.describe(),
        vendor.id,
        summary.sink
    );
    report(checker, call, evidence, message, None);
}

/// Whether a function name reads as an analytics call: a vendor or `analytics` and, unless it
/// is only that, a verb (`trackAnalyticsEvent`, `sendToMixpanel`, `gtagEvent`).
fn reads_as_analytics(name: &str) -> bool {
    let tokens = tokenize(name);
    let vendorish = tokens.iter().any(|t| {
        t == "analytics"
            || vendors::all()
                .iter()
                .any(|v| v.kind == VendorKind::Analytics && v.id == t.as_str())
    }) || tokens.iter().any(|t| t == "gtag");
    let verb = tokens.iter().any(|t| {
        matches!(
            t.as_str(),
            "track" | "identify" | "capture" | "event" | "log" | "send" | "record"
        )
    });
    vendorish && (verb || tokens.len() == 1)
}

/// A function that reads as an analytics call ([`reads_as_analytics`]) whose definition cannot
/// be read: reported at low confidence.
fn by_name<'a>(checker: &mut Checker<'a>, call: Node<'a>, args: Node<'a>) {
    let Some(evidence) = strongest(checker, args) else {
        return;
    };
    let callee = checker.sink_name(call);
    let message = format!(
        "{} is sent to an analytics service by `{callee}` (judged by its name), a vendor not listed in `baa-vendors`",
        evidence.describe()
    );
    report(checker, call, evidence, message, Some(Confidence::Low));
}

/// What a wrapper function does with its parameters.
#[derive(Clone, Debug)]
struct Summary {
    /// The vendor its parameters reach.
    vendor: &'static str,
    /// The SDK call that sends them, for the message.
    sink: String,
    /// The parameters that reach it: (position, name).
    params: Vec<(usize, String)>,
}

/// The summary of `name` in the module at `path`. A module is parsed once per scan, however
/// many of its names the files import: the summaries of all its functions are worked out on
/// that one parse, and the wrappers among them kept.
fn summary(
    path: &std::path::Path,
    name: &str,
    settings: &crate::settings::Settings,
) -> Option<Summary> {
    type Summaries = std::sync::Arc<std::collections::HashMap<String, Summary>>;
    static CACHE: crate::memo::ScanMemo<std::path::PathBuf, Option<Summaries>> =
        crate::memo::ScanMemo::new();
    if let Some(hit) = CACHE.get(path) {
        return hit?.get(name).cloned();
    }
    // A wrapper of a vendor SDK names the vendor somewhere in its module (an import, a
    // constructor, a global such as `gtag`): modules that name none are not parsed.
    let names_a_vendor = crate::read::source(path, settings.max_file_size.min(1 << 20))
        .ok()
        .is_some_and(|bytes| {
            let text = String::from_utf8_lossy(&bytes).to_ascii_lowercase();
            vendors::needles().iter().any(|n| text.contains(n.as_str()))
        });
    if !names_a_vendor {
        CACHE.insert(path.to_path_buf(), None);
        return None;
    }
    let computed = crate::flow::Flow::with_module(path, settings, |flow| {
        let code = Code {
            source: flow.source(),
            root: flow.root(),
            family: flow.family(),
            flow,
        };
        // What each function called from another reaches, worked out once.
        let inner = std::cell::RefCell::new(std::collections::HashMap::new());
        let mut out = std::collections::HashMap::new();
        for (function, func) in flow.function_names() {
            if crate::budget::exhausted() {
                break;
            }
            if let Some(found) = summarize(&code, func, 0, &inner) {
                out.insert(function.to_string(), found);
            }
        }
        std::sync::Arc::new(out)
    });
    let found = computed.as_ref().and_then(|s| s.get(name).cloned());
    if crate::budget::ran_out() {
        return found;
    }
    CACHE.insert(path.to_path_buf(), computed);
    found
}

/// Which parameters of `func` reach a vendor call in its body, directly or through one more
/// function of the same module (whose summaries `inner` keeps, by node).
fn summarize<'a>(
    code: &Code<'a, '_>,
    func: Node<'a>,
    depth: usize,
    inner: &std::cell::RefCell<std::collections::HashMap<usize, Option<Summary>>>,
) -> Option<Summary> {
    let params = param_names(code, func);
    if params.is_empty() {
        return None;
    }
    let body = func.field("body")?;
    let mut found: Option<Summary> = None;
    let mut budget = 4000usize;
    crate::tree::preorder(body, |n, _| {
        budget = budget.saturating_sub(1);
        if budget == 0 || found.is_some() {
            return crate::tree::Walk::Stop;
        }
        if n.id() != body.id() && crate::flow::is_function(n.kind()) {
            return crate::tree::Walk::Skip;
        }
        if !matches!(n.kind(), "call" | "call_expression") {
            return crate::tree::Walk::Descend;
        }
        if let Some(sent) = code.recognize(n) {
            let nodes: Vec<Node<'a>> = match &sent.payload {
                Payload::Args(a) => vec![*a],
                Payload::Values(v) => v.clone(),
            };
            let used: Vec<(usize, String)> = params
                .iter()
                .enumerate()
                .filter(|(_, p)| nodes.iter().any(|x| mentions(code, *x, p)))
                .map(|(i, p)| (i, p.to_string()))
                .collect();
            if !used.is_empty() {
                let callee = n
                    .field("function")
                    .map(|f| code.source.get(f.byte_range()).unwrap_or(""))
                    .unwrap_or("");
                found = Some(Summary {
                    vendor: vendor_id(sent.vendor),
                    sink: sink_text(callee),
                    params: used,
                });
                return crate::tree::Walk::Stop;
            }
            return crate::tree::Walk::Skip;
        }
        // `function track(e, p) { send("track", e, p) }`: one more function of this module.
        if depth == 0 {
            let callee = n
                .field("function")
                .filter(|f| f.kind() == "identifier")
                .and_then(|f| {
                    code.flow
                        .function_named(code.source.get(f.byte_range()).unwrap_or(""))
                })
                .filter(|f| f.id() != func.id());
            if let (Some(callee), Some(args)) = (callee, n.field("arguments")) {
                let known = inner.borrow().get(&callee.id()).cloned();
                let summarized = known.unwrap_or_else(|| {
                    let s = summarize(code, callee, depth + 1, inner);
                    inner.borrow_mut().insert(callee.id(), s.clone());
                    s
                });
                if let Some(s) = summarized {
                    let mut cursor = args.walk();
                    let passed: Vec<Node<'a>> = args
                        .named_children(&mut cursor)
                        .filter(|a| a.kind() != "comment")
                        .enumerate()
                        .filter(|(i, _)| s.params.iter().any(|(j, _)| j == i))
                        .map(|(_, a)| a)
                        .collect();
                    let used: Vec<(usize, String)> = params
                        .iter()
                        .enumerate()
                        .filter(|(_, p)| passed.iter().any(|x| mentions(code, *x, p)))
                        .map(|(i, p)| (i, p.to_string()))
                        .collect();
                    if !used.is_empty() {
                        found = Some(Summary { params: used, ..s });
                        return crate::tree::Walk::Stop;
                    }
                }
            }
        }
        crate::tree::Walk::Descend
    });
    found
}

fn vendor_id(v: &'static Vendor) -> &'static str {
    v.id.as_str()
}

/// A callee for a message: identifiers and dots only, at most 48 characters.
fn sink_text(callee: &str) -> String {
    let clean: String = callee
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, '_' | '.' | '$'))
        .take(48)
        .collect();
    if clean.is_empty() {
        "a vendor SDK".to_string()
    } else {
        clean
    }
}

/// The parameter names of a function, `self` and `cls` left out.
fn param_names<'a>(code: &Code<'a, '_>, func: Node<'a>) -> Vec<&'a str> {
    let Some(params) = func.field("parameters").or_else(|| func.field("parameter")) else {
        return Vec::new();
    };
    let text = |n: Node<'_>| code.source.get(n.byte_range()).unwrap_or("");
    if params.kind() == "identifier" {
        return vec![text(params)];
    }
    let mut out = Vec::new();
    let mut cursor = params.walk();
    for p in params.named_children(&mut cursor) {
        let name = match p.kind() {
            "identifier" => Some(p),
            "default_parameter" | "typed_default_parameter" => p.field("name"),
            "typed_parameter" | "list_splat_pattern" | "dictionary_splat_pattern" => {
                p.named_child(0).filter(|n| n.kind() == "identifier")
            }
            "required_parameter" | "optional_parameter" => {
                p.field("pattern").filter(|n| n.kind() == "identifier")
            }
            "assignment_pattern" => p.field("left").filter(|n| n.kind() == "identifier"),
            "rest_pattern" => p.named_child(0).filter(|n| n.kind() == "identifier"),
            "comment" => continue,
            _ => None,
        };
        match name.map(text) {
            Some("self" | "cls") => continue,
            Some(n) => out.push(n),
            None => out.push(""),
        }
    }
    out
}

/// Whether `node` reads the identifier `name` (not as a property or keyword name).
fn mentions(code: &Code<'_, '_>, node: Node<'_>, name: &str) -> bool {
    if name.is_empty() {
        return false;
    }
    let mut hit = false;
    crate::tree::preorder(node, |n, _| {
        if hit {
            return crate::tree::Walk::Stop;
        }
        if matches!(n.kind(), "identifier" | "shorthand_property_identifier")
            && code.source.get(n.byte_range()) == Some(name)
        {
            let is_key = n.parent().is_some_and(|p| {
                (p.kind() == "keyword_argument"
                    && p.field("name").is_some_and(|k| k.id() == n.id()))
                    || (matches!(p.kind(), "attribute" | "member_expression")
                        && p.field("attribute")
                            .or_else(|| p.field("property"))
                            .is_some_and(|k| k.id() == n.id()))
            });
            if !is_key {
                hit = true;
                return crate::tree::Walk::Stop;
            }
        }
        crate::tree::Walk::Descend
    });
    hit
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use crate::discover::SourceFile;
    use crate::engine::{Engine, FileResult, Worker};
    use crate::lang::Language;
    use crate::settings::{ConfigFile, Overrides, Settings};

    const SOURCE: &str = "def booked(patient):\n    analytics.track(patient.mrn, \"Booked\", {})\n    client = OpenAI()\n    client.chat.completions.create(messages=patient.diagnosis)\n";

    fn scan(baa: &[&str]) -> Vec<String> {
        let config = ConfigFile {
            baa_vendors: baa.iter().map(|s| s.to_string()).collect(),
            ..Default::default()
        };
        let overrides = Overrides {
            select: vec!["PHI704".into()],
            isolated: true,
            ..Default::default()
        };
        let settings = Settings::resolve(
            Some((PathBuf::from("phi-lint.toml"), config)),
            &overrides,
            &[],
        )
        .expect("settings resolve");
        let engine = Engine::new(&settings);
        let file = SourceFile {
            rel: "app.py".into(),
            path: PathBuf::from("app.py"),
            kind: Language::Python.into(),
        };
        let mut result = FileResult::default();
        engine.analyze_bytes(
            &mut Worker::default(),
            &file,
            SOURCE.as_bytes(),
            &mut result,
        );
        result
            .diagnostics
            .iter()
            .map(|d| d.message.clone())
            .collect()
    }

    #[test]
    fn baa_vendors_silence_covered_vendors() {
        assert_eq!(scan(&[]).len(), 2);
        let with_segment = scan(&["segment"]);
        assert_eq!(with_segment.len(), 1);
        assert!(with_segment[0].contains("openai"));
        assert!(scan(&["Segment", "api.openai.com"]).is_empty());
    }
}
