//! PHI202 phi-in-browser-storage.

use tree_sitter::Node;

use crate::declare_rule;
use crate::engine::{Checker, Match};
use crate::flow::{self, Evidence, Purpose};
use crate::rules::phi_logging::REPORT_FLOOR;
use crate::tree::NodeExt;

use super::{last_tokens, origin_text, origin_through, positional, stored};

declare_rule! {
    /// ## What it does
    /// Flags PHI stored on the user's device in plaintext: `localStorage` and `sessionStorage`
    /// (`setItem` or property assignment), IndexedDB object stores (`put`/`add`), Dexie tables,
    /// `localforage`, React Native `AsyncStorage` (`setItem`, `mergeItem`, `multiSet`,
    /// `multiMerge`, `setMany`), cookies set with `document.cookie = ...`, js-cookie
    /// `Cookies.set`, Express `res.cookie(...)`, Fastify `reply.setCookie(...)`, hono/cookie
    /// `setCookie(c, name, value)` or a page's own `setCookie(name, value, days)`, Sanic
    /// `response.add_cookie(...)`; in Rust,
    /// cookies built with `Cookie::new(name, value)`, `Cookie::build((name, value))` or poem's
    /// `Cookie::new_with_str(name, value)`
    /// (the `cookie` crate, Rocket, axum-extra, actix-web).
    ///
    /// Also sessions kept in a signed but unencrypted cookie: Flask's and Quart's default
    /// `session[...] = ...`, Starlette's `request.session[...] = ...` (`SessionMiddleware`), Koa's
    /// `ctx.session` (koa-session without a store), `req.session` in a file that sets up the
    /// `cookie-session` middleware, Tornado `self.set_secure_cookie(...)`, and Nuxt
    /// `useCookie(...).value = ...`. Server-side sessions (Django's default backend,
    /// express-session, Flask-Session) are not reported.
    ///
    /// ## Why is this bad?
    /// Browser and device storage is unencrypted, persists after logout on shared and lost
    /// devices, and is readable by every script on the origin, so one XSS bug exfiltrates it.
    /// Cookies also travel with every request and end up in proxy logs. Plaintext PHI there
    /// fails the encryption-at-rest safeguard (45 CFR 164.312(a)(2)(iv)).
    ///
    /// ## Example
    /// ```javascript
    /// localStorage.setItem("patient", JSON.stringify({ name: patient.name, dob: patient.dob }));
    /// ```
    ///
    /// ## Use instead
    /// Keep PHI in memory and re-fetch it, store only an opaque id, or use platform secure
    /// storage (`expo-secure-store`, `react-native-keychain`, `react-native-encrypted-storage`).
    /// If it must be cached in the browser, encrypt it with WebCrypto AES-GCM and a
    /// non-extractable key:
    /// ```javascript
    /// const sealed = await crypto.subtle.encrypt({ name: "AES-GCM", iv }, key, data);
    /// await db.put("visits", sealed, visitId);
    /// ```
    ///
    /// ## Known limitations
    /// `idb` databases are recognised when the receiver was opened with `openDB` in the same
    /// file (possibly through an awaited promise); `idb-keyval` only through receiver names.
    /// Values built in other modules are not followed.
    ///
    /// ## References
    /// - 45 CFR 164.312(a)(2)(iv) (encryption and decryption)
    /// - CWE-922: Insecure Storage of Sensitive Information
    /// - CWE-312: Cleartext Storage of Sensitive Information
    pub PHI_IN_BROWSER_STORAGE = "PHI202" {
        name: "phi-in-browser-storage",
        file: phi_in_browser_storage,
        category: UnencryptedStorage,
        safeguards: [EncryptionAtRest],
        level: Error,
        confidence: Medium,
        cwe: [922, 312],
        queries: [python, ecma, rust],
        check: check,
        prefilter: crate::rules::Prefilter::Phi,
    }
}

fn is_web_storage(text: &str) -> bool {
    let last = text.rsplit('.').next().unwrap_or(text);
    matches!(
        last,
        "localStorage" | "sessionStorage" | "AsyncStorage" | "localforage" | "localForage"
    )
}

/// `setItem("ssn", value)`: the key names the value when it is a plain string.
fn keyed<'a>(
    checker: &Checker<'a>,
    key: Option<Node<'a>>,
    value: Node<'a>,
) -> Option<Evidence<'a>> {
    let flow = &checker.file.flow;
    let by_key = key.and_then(|k| {
        let text = checker.text(k);
        let content = crate::flow::string_content(text, k.kind())?;
        flow.eval_keyed(content, k, value, Purpose::Storage)
    });
    let from_key_expr = key.and_then(|k| stored(checker, k));
    flow::max(flow::max(by_key, stored(checker, value)), from_key_expr)
        .filter(|e| e.class.score >= REPORT_FLOOR && e.class.kind != crate::phi::Kind::InternalId)
}

fn check<'a>(checker: &mut Checker<'a>, m: &Match<'a>) {
    // hono/cookie `setCookie(c, "dob", patient.dob)`: the context first, then name and value;
    // the usual page helper `setCookie("dob", patient.dob, days)`: name and value first.
    if let (Some(sink), None, Some(args)) = (m.get("sink"), m.get("receiver"), m.get("args")) {
        let named_first = positional(args, 0).is_some_and(|a| crate::flow::is_string(a.kind()));
        let (key, value) = if named_first {
            (positional(args, 0), positional(args, 1))
        } else {
            (positional(args, 1), positional(args, 2))
        };
        let Some(value) = value else {
            return;
        };
        if let Some(evidence) = keyed(checker, key, value) {
            let message = format!(
                "{} is stored unencrypted on the client by `setCookie`",
                evidence.describe()
            );
            checker.report_phi(sink, &evidence, message);
        }
        return;
    }
    let (Some(sink), Some(receiver)) = (m.get("sink"), m.get("receiver")) else {
        return;
    };
    let r_text = checker.text(receiver);
    if sink.kind() == "assignment" {
        cookie_session_write(checker, m, sink, r_text);
        return;
    }
    let (evidence, store) = if sink.kind() == "assignment_expression" {
        let (Some(key), Some(value)) = (m.get("key"), m.get("value")) else {
            return;
        };
        let key_text = checker.text(key);
        if key_text == "cookie" && r_text.rsplit('.').next() == Some("document") {
            (stored(checker, value), "document.cookie".to_string())
        } else if key_text == "value" && origin_text(checker, receiver).starts_with("useCookie(") {
            // Nuxt `const last = useCookie("last"); last.value = JSON.stringify(record)`.
            (stored(checker, value), "useCookie".to_string())
        } else if let Some(session) = cookie_session_object(checker, r_text, key_text) {
            let ev = if session == "ctx.session" && key_text == "session" {
                stored(checker, value)
            } else {
                checker
                    .file
                    .flow
                    .eval_keyed(key_text, key, value, Purpose::Storage)
            };
            (ev, session.to_string())
        } else if is_web_storage(r_text) {
            let key = (key.kind() != "property_identifier").then_some(key);
            let ev = match key {
                Some(k) => keyed(checker, Some(k), value),
                None => checker.file.flow.eval_keyed(
                    key_text,
                    m.get("key").unwrap_or(value),
                    value,
                    Purpose::Storage,
                ),
            };
            (ev, r_text.to_string())
        } else {
            return;
        }
    } else {
        let (Some(method), Some(args)) = (m.get("method"), m.get("args")) else {
            return;
        };
        let method_text = checker.text(method);
        let ev = match method_text {
            "setItem" | "mergeItem"
                if is_web_storage(r_text)
                    || origin_text(checker, receiver)
                        .starts_with("localforage.createInstance(")
                    || origin_text(checker, receiver)
                        .starts_with("localForage.createInstance(") =>
            {
                let Some(value) = positional(args, 1) else {
                    return;
                };
                keyed(checker, positional(args, 0), value)
            }
            "multiSet" | "multiMerge" | "setMany" if is_web_storage(r_text) => {
                stored(checker, args)
            }
            "put" | "add" | "bulkPut" | "bulkAdd" => {
                let origin = origin_text(checker, receiver);
                // The `idb` library: `const db = await dbPromise`, `dbPromise = openDB(...)`.
                let opened = origin_through(checker, receiver, 3);
                // `const db = await openDB(..)`.
                let opened = opened.strip_prefix("await ").unwrap_or(opened).trim_start();
                let idb = r_text.contains("objectStore")
                    || origin.contains("objectStore")
                    || opened.starts_with("openDB(")
                    || opened.contains("indexedDB.open(");
                let dexie = receiver.kind() == "member_expression"
                    && receiver.field("object").is_some_and(|o| {
                        o.kind() == "identifier" && origin_text(checker, o).contains("Dexie")
                    });
                if !(idb || dexie) {
                    return;
                }
                stored(checker, args)
            }
            "set" => {
                let tokens = last_tokens(r_text);
                // electron-store and react-native-mmkv keep their data in plain files on the
                // device.
                let origin = origin_text(checker, receiver);
                let device_store = ["new Store", "new ElectronStore", "new MMKV"]
                    .iter()
                    .any(|w| origin.contains(w));
                let cookies =
                    tokens.len() == 1 && matches!(tokens[0].as_str(), "cookies" | "cookie");
                if !(device_store || cookies) {
                    return;
                }
                let Some(value) = positional(args, 1) else {
                    return;
                };
                keyed(checker, positional(args, 0), value)
            }
            // Django, Flask, Starlette: `response.set_cookie("dob", patient.dob)`.
            // Tornado `self.set_secure_cookie("last", json.dumps(record))`: signed, not
            // encrypted.
            "set_cookie" | "set_signed_cookie" | "add_cookie" | "set_secure_cookie" => {
                let tokens = last_tokens(r_text);
                let tornado = r_text == "self" && checker.file.source_contains("tornado");
                if !tornado
                    && !tokens
                        .iter()
                        .any(|t| matches!(t.as_str(), "res" | "resp" | "response" | "reply"))
                {
                    return;
                }
                let Some(value) = positional(args, 1) else {
                    return;
                };
                keyed(checker, positional(args, 0), value)
            }
            // Rust `Cookie::new(name, value)`, `Cookie::build((name, value))`.
            "new" | "build" | "new_with_str" if r_text == "Cookie" => {
                let first = positional(args, 0);
                let (key, value) = match first {
                    Some(t) if t.kind() == "tuple_expression" => {
                        (positional(t, 0), positional(t, 1))
                    }
                    _ => (first, positional(args, 1)),
                };
                let Some(value) = value else {
                    return;
                };
                keyed(checker, key, value)
            }
            // Express `res.cookie(...)`, Fastify `reply.setCookie(...)`.
            "cookie" | "setCookie" => {
                let Some(value) = positional(args, 1) else {
                    return;
                };
                let tokens = last_tokens(r_text);
                if !tokens
                    .iter()
                    .any(|t| matches!(t.as_str(), "res" | "response" | "reply" | "ctx"))
                {
                    return;
                }
                keyed(checker, positional(args, 0), value)
            }
            _ => return,
        };
        let callee = sink.field("function").unwrap_or(sink);
        (ev, checker.sink_name(callee))
    };
    let Some(evidence) = evidence else {
        return;
    };
    let message = format!(
        "{} is stored unencrypted on the client by `{store}`",
        evidence.describe()
    );
    checker.report_phi(sink, &evidence, message);
}

/// Whether a Python file writes a cookie-backed session: Flask's and Quart's default session
/// (`from flask import session`) and Starlette's `SessionMiddleware` (`request.session`) keep
/// the whole session in a signed, not encrypted, cookie. Flask-Session and Django keep it on
/// the server (the Django `signed_cookies` backend excepted).
fn cookie_backed_session(checker: &Checker<'_>, receiver: &str) -> bool {
    let source = checker.file.source;
    if receiver == "session" {
        let flask = source.contains("from flask import") || source.contains("from quart import");
        return flask && !source.contains("flask_session");
    }
    let Some(owner) = receiver.strip_suffix(".session") else {
        return false;
    };
    if !matches!(
        owner,
        "request" | "req" | "self.request" | "conn" | "websocket"
    ) {
        return false;
    }
    if source.contains("django") {
        return source.contains("signed_cookies");
    }
    source.contains("starlette") || source.contains("fastapi")
}

/// The cookie-backed session object a JavaScript assignment writes to: Koa's `ctx.session`
/// (koa-session keeps the session in the cookie unless given a `store`), and `req.session`
/// in a file that sets up the `cookie-session` middleware. express-session keeps it on the
/// server.
fn cookie_session_object(checker: &Checker<'_>, receiver: &str, key: &str) -> Option<&'static str> {
    let receiver = receiver.trim_end_matches('!');
    if receiver == "ctx" && key == "session" {
        return Some("ctx.session");
    }
    match receiver {
        "ctx.session" => Some("ctx.session"),
        "req.session" | "request.session"
            if checker.file.source_contains("require('cookie-session')")
                || checker.file.source_contains("require(\"cookie-session\")")
                || checker.file.source_contains("from 'cookie-session'")
                || checker.file.source_contains("from \"cookie-session\"") =>
        {
            Some("req.session")
        }
        _ => None,
    }
}

/// `session["patient"] = {...}` in a cookie-backed session ([`cookie_backed_session`]).
fn cookie_session_write<'a>(
    checker: &mut Checker<'a>,
    m: &Match<'a>,
    sink: Node<'a>,
    receiver: &str,
) {
    let (Some(key), Some(value)) = (m.get("key"), m.get("value")) else {
        return;
    };
    if !cookie_backed_session(checker, receiver) {
        return;
    }
    let Some(evidence) = keyed(checker, Some(key), value) else {
        return;
    };
    let name = m
        .get("receiver")
        .map(|r| checker.code_name(r))
        .unwrap_or_default();
    let message = format!(
        "{} is stored in the signed but unencrypted session cookie by `{name}`",
        evidence.describe()
    );
    checker.report_phi(sink, &evidence, message);
}
