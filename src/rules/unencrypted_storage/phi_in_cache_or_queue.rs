//! PHI203 phi-in-cache-or-queue.

use crate::declare_rule;
use crate::engine::{Checker, Match};
use crate::lang::Family;
use crate::tree::NodeExt;

use super::{last_tokens, origin_text, origin_through, stored};

declare_rule! {
    /// ## What it does
    /// Flags PHI written to caches, key-value stores and message queues: Redis clients
    /// (redis-py, node-redis, ioredis, the `redis` crate: `set`, `setex`, `hset`, `hmset`,
    /// `lpush`, `rpush`, `sadd`, `xadd`, `publish`, ...), Django's `cache.set`, Nest
    /// `cacheManager.set`, Bull/BullMQ `queue.add` and Celery task arguments (`delay`,
    /// `apply_async`, `send_task`), which the broker stores. Also AWS queues through boto3
    /// (SQS `send_message`, `send_message_batch`; SNS `publish`, whose topics have no encryption
    /// key by default), arq `enqueue_job`, pg-boss `boss.send`, Nitro / unstorage
    /// `useStorage(...).setItem` and diskcache.
    ///
    /// ## Why is this bad?
    /// Caches and brokers are usually run without encryption at rest, are snapshotted to disk
    /// (RDB/AOF files, broker queues), replicated, and readable by every service that shares
    /// them. PHI copied there escapes the encryption and access controls on the system of record
    /// (45 CFR 164.312(a)(2)(iv), 164.312(c)(1)).
    ///
    /// ## Example
    /// ```python
    /// redis_client.set(f"patient:{patient.id}", json.dumps({"dob": patient.dob}))
    /// send_reminder.delay(patient.phone, patient.email)
    /// ```
    ///
    /// ## Use instead
    /// Pass opaque ids and let the consumer re-read the record, or encrypt the value:
    /// ```python
    /// send_reminder.delay(patient.id)
    /// redis_client.set(key, fernet.encrypt(payload))
    /// ```
    ///
    /// ## Known limitations
    /// Receivers are recognised by name (`redis`, `cache`, `queue`) or by the constructor they
    /// were bound to in the same file; an in-memory cache with such a name is reported too.
    ///
    /// ## References
    /// - 45 CFR 164.312(a)(2)(iv) (encryption and decryption), 164.312(c)(1) (integrity)
    /// - CWE-312: Cleartext Storage of Sensitive Information
    pub PHI_IN_CACHE_OR_QUEUE = "PHI203" {
        name: "phi-in-cache-or-queue",
        file: phi_in_cache_or_queue,
        category: UnencryptedStorage,
        safeguards: [EncryptionAtRest, Integrity],
        level: Error,
        confidence: Medium,
        cwe: [312],
        queries: [python, ecma, rust],
        check: check,
        prefilter: crate::rules::Prefilter::Phi,
    }
}

const STORE_ORIGINS: &[&str] = &[
    "Redis(",
    "StrictRedis",
    "redis.",
    "redis::",
    "from_url(",
    "get_redis_connection",
    "caches[",
    "createClient(",
    "createCluster(",
    "new Redis",
    "new IORedis",
    "ioredis",
    "get_connection(",
    "get_multiplexed",
    "get_async_connection",
    "ConnectionManager",
    "new Queue",
    "new Bull",
    "new NodeCache",
    "Queue(connection",
    "diskcache.",
    "FanoutCache(",
];

/// An AWS SQS or SNS client (boto3 `client("sqs")`, `resource("sqs")`), by its name or the
/// call it was bound to.
fn is_aws_queue<'a>(checker: &Checker<'a>, receiver: tree_sitter::Node<'a>) -> bool {
    let tokens = last_tokens(checker.text(receiver));
    if tokens.iter().any(|t| matches!(t.as_str(), "sqs" | "sns")) {
        return true;
    }
    let origin = origin_text(checker, receiver);
    let Some(rest) = origin
        .find("client(")
        .map(|i| &origin[i + "client(".len()..])
        .or_else(|| {
            origin
                .find("resource(")
                .map(|i| &origin[i + "resource(".len()..])
        })
    else {
        return false;
    };
    let service = rest.trim_start().trim_start_matches(['"', '\'']);
    service.starts_with("sqs") || service.starts_with("sns")
}

fn is_store<'a>(checker: &Checker<'a>, receiver: tree_sitter::Node<'a>, method: &str) -> bool {
    match method {
        // Nitro / unstorage: `useStorage("programs").setItem(key, value)` writes through the
        // mounted driver (the file system, Redis, a KV) as plain JSON. Web storage's `setItem`
        // is PHI202's.
        "setItem" => {
            let origin = origin_text(checker, receiver);
            return ["useStorage(", "createStorage(", "storage.useStorage("]
                .iter()
                .any(|w| origin.starts_with(w));
        }
        // boto3 SQS `send_message(QueueUrl=..., MessageBody=...)` and SNS `publish(Message=...)`:
        // the message is kept by the service until consumed (SNS topics have no encryption
        // key unless one is configured).
        "send_message" | "send_message_batch" | "publish_batch" => {
            return is_aws_queue(checker, receiver);
        }
        "publish"
            if checker.file.lang.family() == Family::Python && is_aws_queue(checker, receiver) =>
        {
            return true;
        }
        // arq `await redis.enqueue_job("fn", *args)`: the job and its arguments are pickled
        // into Redis.
        "enqueue_job" => {
            let origin = origin_through(checker, receiver, 2);
            return origin.contains("create_pool(")
                || last_tokens(checker.text(receiver))
                    .iter()
                    .any(|t| matches!(t.as_str(), "redis" | "arq" | "pool"));
        }
        // pg-boss `boss.send("queue", data)`: the job row keeps the data as plain JSONB.
        "send" | "sendAfter"
            if checker.file.lang.family() == Family::Ecma
                && last_tokens(checker.text(receiver))
                    .iter()
                    .any(|t| matches!(t.as_str(), "boss" | "pgboss")) =>
        {
            return true;
        }
        "sendAfter" => return false,
        // Agenda `agenda.schedule(when, "job", data)`, `agenda.now("job", data)`: the job and its
        // data are kept in MongoDB until run. bee-queue `queue.createJob(data).save()`: in Redis.
        "schedule" | "now" | "every" => {
            return last_tokens(checker.text(receiver))
                .iter()
                .any(|t| t == "agenda");
        }
        "createJob" => {
            return last_tokens(checker.text(receiver))
                .iter()
                .any(|t| matches!(t.as_str(), "queue" | "bee" | "jobs"));
        }
        // kafkajs `producer.send({ topic, messages })`: the topic keeps the messages for its
        // retention period.
        "send" | "sendBatch"
            if checker.file.lang.family() == Family::Ecma
                && last_tokens(checker.text(receiver))
                    .iter()
                    .any(|t| matches!(t.as_str(), "producer" | "kafka")) =>
        {
            return true;
        }
        _ => {}
    }
    // `res.send(...)` and `map.put(...)` are everywhere: only a receiver named like a queue or
    // a KV namespace can make these methods a store write, so decide those first, cheaply.
    if matches!(method, "send" | "sendBatch" | "sendMessage" | "put") {
        let tokens = last_tokens(checker.text(receiver));
        let named = tokens.iter().any(|t| {
            matches!(
                t.as_str(),
                "queue" | "bull" | "q" | "rq" | "sqs" | "jobs" | "kv" | "cache"
            )
        });
        if !named {
            return false;
        }
    }
    let origin = origin_text(checker, receiver);
    if ["new Map", "new WeakMap", "new Set", "LRU", "HashMap"]
        .iter()
        .any(|w| origin.contains(w))
    {
        return false;
    }
    if in_memory_field(checker, receiver) {
        return false;
    }
    if STORE_ORIGINS.iter().any(|w| origin.contains(w)) {
        return true;
    }
    let tokens = last_tokens(checker.text(receiver));
    let queue = tokens
        .iter()
        .any(|t| matches!(t.as_str(), "queue" | "bull"));
    if method == "add" {
        return queue;
    }
    // `put` is a KV namespace's write (`env.CACHE.put`); `send` a queue producer's
    // (`env.QUEUE.send`); RQ's `q.enqueue(fn, *args)`.
    if matches!(
        method,
        "send"
            | "sendBatch"
            | "sendMessage"
            | "enqueue"
            | "enqueue_call"
            | "enqueue_at"
            | "enqueue_in"
    ) {
        return queue
            || tokens
                .iter()
                .any(|t| matches!(t.as_str(), "q" | "rq" | "sqs" | "jobs"))
            || origin.contains("Queue(");
    }
    if method == "put" {
        return tokens.iter().any(|t| matches!(t.as_str(), "kv" | "cache"));
    }
    tokens.iter().any(|t| {
        matches!(
            t.as_str(),
            "redis" | "cache" | "rds" | "memcache" | "memcached" | "valkey" | "kv" | "ioredis"
        ) || (t == "manager" && tokens.iter().any(|u| u == "cache"))
    }) || (checker.file.lang.family() == Family::Rust
        && tokens
            .iter()
            .any(|t| matches!(t.as_str(), "con" | "conn" | "connection")))
}

fn check<'a>(checker: &mut Checker<'a>, m: &Match<'a>) {
    let (Some(sink), Some(method), Some(args)) = (m.get("sink"), m.get("method"), m.get("args"))
    else {
        return;
    };
    let method_text = checker.text(method);
    // Celery tasks, and Dramatiq actors (`send_reminder.send(phone)` in a file that uses
    // Dramatiq): the broker keeps the arguments in plaintext.
    let celery = matches!(method_text, "delay" | "apply_async" | "send_task")
        || (matches!(method_text, "send" | "send_with_options")
            && checker.file.lang.family() == Family::Python
            && checker.file.source_contains("dramatiq")
            && m.get("receiver").is_some_and(|r| r.kind() == "identifier"));
    if method_text == "arg" {
        // Only an argument of a write command built with `redis::cmd`.
        if !m
            .get("receiver")
            .is_some_and(|r| redis_write_command(checker, r))
        {
            return;
        }
    } else if !celery {
        let Some(receiver) = m.get("receiver") else {
            return;
        };
        if !is_store(checker, receiver, method_text) {
            return;
        }
    }
    let Some(evidence) = stored(checker, args) else {
        return;
    };
    let callee = sink.field("function").unwrap_or(method);
    let callee = if callee.kind() == "generic_function" {
        callee.field("function").unwrap_or(callee)
    } else {
        callee
    };
    let name = checker.sink_name(callee);
    let what = if celery {
        "is queued in the task broker"
    } else {
        "is stored unencrypted in a cache or queue"
    };
    let message = format!("{} {what} by `{name}`", evidence.describe());
    checker.report_phi(sink, &evidence, message);
}

/// Whether `chain` is a `redis::cmd("SET")...` builder of a command that writes a value:
/// the root of its method chain is `redis::cmd` (or `cmd` in a file that uses the `redis`
/// crate) with a write command's name.
fn redis_write_command<'a>(checker: &Checker<'a>, chain: tree_sitter::Node<'a>) -> bool {
    const WRITES: &[&str] = &[
        "SET", "SETEX", "PSETEX", "SETNX", "GETSET", "MSET", "HSET", "HMSET", "HSETNX", "LPUSH",
        "RPUSH", "SADD", "ZADD", "XADD", "PUBLISH", "APPEND",
    ];
    let mut node = chain;
    // Bounded: a builder chain is a handful of links.
    for _ in 0..64 {
        if node.kind() != "call_expression" {
            return false;
        }
        let Some(function) = node.field("function") else {
            return false;
        };
        match function.kind() {
            "field_expression" => match function.field("value") {
                Some(v) => node = v,
                None => return false,
            },
            "scoped_identifier" | "identifier" => {
                let callee = checker.text(function);
                let is_cmd = callee == "redis::cmd"
                    || (callee == "cmd" && checker.file.source_contains("redis"));
                let command = node
                    .field("arguments")
                    .and_then(|a| a.named_child(0))
                    .and_then(|a| crate::flow::string_content(checker.text(a), a.kind()));
                return is_cmd
                    && command.is_some_and(|c| WRITES.iter().any(|w| w.eq_ignore_ascii_case(c)));
            }
            _ => return false,
        }
    }
    false
}

/// Whether the receiver's last name is bound anywhere in the file to an in-memory collection:
/// `this.cache = new Map()`, `const [cache] = useState(new Map())`, `cache: new Map()`.
fn in_memory_field<'a>(checker: &Checker<'a>, receiver: tree_sitter::Node<'a>) -> bool {
    let text = checker.text(receiver);
    let Some(last) = text.rsplit(['.', ':']).find(|s| !s.is_empty()) else {
        return false;
    };
    if last.is_empty() || !last.chars().all(|c| c.is_alphanumeric() || c == '_') {
        return false;
    }
    let source = checker.file.source;
    source.match_indices(last).any(|(i, _)| {
        let before_ok = source[..i]
            .chars()
            .next_back()
            .is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
        let rest = &source[i + last.len()..];
        let rest = rest.get(..rest.len().min(48)).unwrap_or(rest);
        let rest = rest.trim_start_matches(|c: char| c == ']' || c.is_whitespace());
        before_ok
            && rest.starts_with(['=', ':'])
            && !rest.starts_with("==")
            && [
                "new Map",
                "new WeakMap",
                "new Set",
                "new LRU",
                "HashMap::new",
            ]
            .iter()
            .any(|w| {
                rest.get(..rest.len().min(40))
                    .is_some_and(|r| r.contains(w))
            })
    })
}
