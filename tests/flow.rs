//! Data flow across functions and modules, end to end through the CLI: PHI that reaches a sink
//! under a name that says nothing, from a helper of another module.

/// A helper in one module returns a patient record; a route in another module logs what it
/// returns under a name that says nothing. The finding names the helper.
#[test]
fn a_helper_imported_from_another_module_carries_its_return() {
    let dir = crate::support::project(&[
        (
            "app/services/charts.py",
            "def load_chart(request, pk):\n    return Patient.objects.get(pk=pk)\n",
        ),
        (
            "app/routes/views.py",
            "import logging\nfrom ..services.charts import load_chart\n\nlogger = logging.getLogger(__name__)\n\n\ndef chart_view(request, pk):\n    chart = load_chart(request, pk)\n    logger.info(\"loaded %s\", chart)\n",
        ),
        (
            "web/api.ts",
            "export async function fetchRecord(id: string) {\n  return prisma.patient.findUnique({ where: { id } });\n}\nexport async function fetchTheme(id: string) {\n  return settings.findUnique({ where: { id } });\n}\n",
        ),
        (
            "web/page.ts",
            "import { fetchRecord, fetchTheme } from './api';\nexport async function show(id: string) {\n  const data = await fetchRecord(id);\n  console.log(data);\n  const theme = await fetchTheme(id);\n  console.log(theme);\n}\n",
        ),
    ]);
    let (code, out, err) =
        crate::support::run(crate::support::phi_lint(dir.path()).args(["scan", ".", "--isolated"]));
    assert_eq!(code, 1, "{out}\n{err}");
    assert!(
        out.contains("app/routes/views.py:9:") && out.contains("`load_chart()`"),
        "{out}"
    );
    assert!(
        out.contains("web/page.ts:4:") && out.contains("`fetchRecord()`"),
        "{out}"
    );
    assert!(!out.contains("web/page.ts:6:"), "{out}");
}

/// The three-module case: a helper in one module returns a patient; a route in a
/// second module logs it and hands it to a wrapper in a third module that writes whatever it
/// is given to browser storage. Each leak is found where the decision is made, and the
/// messages name the helper and the wrapper. A call passing no PHI to the same wrapper is not
/// reported, nor is a PHI-specific helper (its parameter names the PHI) at its call sites: its
/// own sink reports it.
#[test]
fn a_wrapper_in_a_third_module_is_summarised_at_its_callers() {
    let dir = crate::support::project(&[
        (
            "web/api.js",
            "export async function fetchPatient(id) {\n  return prisma.patient.findUnique({ where: { id } });\n}\n",
        ),
        (
            "web/storage.js",
            "export function persistDraft(key, values) {\n  localStorage.setItem(key, JSON.stringify(values));\n}\nexport function rememberSsn(ssn) {\n  localStorage.setItem('ssn', ssn);\n}\n",
        ),
        (
            "web/route.js",
            "import { fetchPatient } from './api';\nimport { persistDraft, rememberSsn } from './storage';\nexport async function show(id, theme) {\n  const record = await fetchPatient(id);\n  console.log(record);\n  persistDraft('draft', record);\n  persistDraft('theme', theme);\n  rememberSsn(record.ssn);\n}\n",
        ),
        (
            "py/store.py",
            "import json\n\n\ndef write_jsonl(items, name):\n    with open(name, \"w\") as fh:\n        for item in items:\n            fh.write(json.dumps(item))\n",
        ),
        (
            "py/views.py",
            "from .store import write_jsonl\n\n\ndef export(patients, sizes):\n    write_jsonl(patients, \"out.jsonl\")\n    write_jsonl(sizes, \"sizes.jsonl\")\n",
        ),
        ("py/__init__.py", ""),
    ]);
    let (code, out, err) =
        crate::support::run(crate::support::phi_lint(dir.path()).args(["scan", ".", "--isolated"]));
    assert_eq!(code, 1, "{out}\n{err}");
    assert!(
        out.contains("web/route.js:5:") && out.contains("`fetchPatient()`"),
        "{out}"
    );
    assert!(
        out.contains("web/route.js:6:")
            && out.contains("is passed to `persistDraft`, where it is stored unencrypted"),
        "{out}"
    );
    assert!(!out.contains("web/route.js:7:"), "{out}");
    // Reported inside the PHI-specific helper, not at its call.
    assert!(!out.contains("web/route.js:8:"), "{out}");
    assert!(
        out.contains("py/views.py:5:") && out.contains("is passed to `write_jsonl`"),
        "{out}"
    );
    assert!(!out.contains("py/views.py:6:"), "{out}");
}

/// File-based routes (Remix, Next.js app router): the module's path names the route of its
/// exported `action` or `POST`, so the request's form data on a patient route is PHI, and on
/// another route it is not.
#[test]
fn request_data_of_a_file_based_patient_route_is_phi() {
    let form = "export async function action({ request }) {\n  const form = await request.formData();\n  console.log('submitted', form);\n  return null;\n}\n";
    let dir = crate::support::project(&[
        ("app/routes/patients.$id.allergies.tsx", form),
        ("app/routes/settings.theme.tsx", form),
    ]);
    let (code, out, err) =
        crate::support::run(crate::support::phi_lint(dir.path()).args(["scan", ".", "--isolated"]));
    assert_eq!(code, 1, "{out}\n{err}");
    assert!(
        out.contains("app/routes/patients.$id.allergies.tsx:3:"),
        "{out}"
    );
    assert!(!out.contains("settings.theme.tsx"), "{out}");
}

/// The methods of an instance of a class imported from another module: constructed there,
/// bound to a variable, a field assigned in `__init__`, or returned by a local factory. A method
/// whose log statement is one of its own statements (`save` logs what it stores) is reported
/// once at that statement, naming `Class.method` and a caller that passes PHI.
#[test]
fn methods_of_an_imported_class_carry_their_summaries() {
    let dir = crate::support::project(&[
        (
            "app/repository.py",
            "import logging\nlog = logging.getLogger(__name__)\n\n\nclass ClaimRepository:\n    def __init__(self, table):\n        self.table = table\n\n    def save(self, record):\n        log.debug(\"put_item %s\", record)\n        return record\n\n    def count(self, record):\n        return 1\n",
        ),
        (
            "app/routes.py",
            "from .repository import ClaimRepository\n\n\ndef _repo():\n    return ClaimRepository(\"claims\")\n\n\nclass Service:\n    def __init__(self):\n        self.repo = ClaimRepository(\"claims\")\n\n    def submit(self, patient):\n        self.repo.save(patient)\n\n\ndef submit_claim(patient):\n    _repo().save(patient)\n    repo = ClaimRepository(\"x\")\n    repo.save(patient.diagnosis)\n    repo.save(patient.id)\n    repo.count(patient)\n",
        ),
    ]);
    let (code, out, err) =
        crate::support::run(crate::support::phi_lint(dir.path()).args(["scan", ".", "--isolated"]));
    assert_eq!(code, 1, "{out}\n{err}");
    assert!(
        out.contains("app/repository.py:10:")
            && out.contains("is passed to `ClaimRepository.save` (from `app/routes.py`)"),
        "{out}"
    );
    assert_eq!(out.matches("app/repository.py:10:").count(), 1, "{out}");
    // Not again at each call; a surrogate id, and a method that logs nothing.
    for line in [13, 17, 19, 20, 21] {
        assert!(!out.contains(&format!("app/routes.py:{line}:")), "{out}");
    }
}

/// A value typed with a model or interface imported from a sibling module, whose declaration
/// there has PHI fields, is a whole record; one whose type has none is not.
#[test]
fn a_type_imported_from_a_sibling_module_with_phi_fields_makes_a_record() {
    let dir = crate::support::project(&[
        (
            "app/schemas.py",
            "from pydantic import BaseModel\n\n\nclass ReadingIn(BaseModel):\n    systolic: int\n    nurse_note: str\n\n\nclass ThemeIn(BaseModel):\n    color: str\n",
        ),
        (
            "app/routers.py",
            "from loguru import logger\nfrom .schemas import ReadingIn, ThemeIn\n\n\ndef manual(body: ReadingIn, theme: ThemeIn):\n    logger.info(\"reading {}\", body)\n    logger.info(\"theme {}\", theme)\n",
        ),
        (
            "web/types.ts",
            "export interface CheckIn {\n  symptoms: string[];\n  systolic: number;\n}\nexport interface Prefs {\n  theme: string;\n}\n",
        ),
        (
            "web/draft.ts",
            "import { CheckIn, Prefs } from './types';\nexport function keep(values: CheckIn, prefs: Prefs) {\n  console.log('draft', values);\n  console.log('prefs', prefs);\n}\n",
        ),
    ]);
    let (code, out, err) =
        crate::support::run(crate::support::phi_lint(dir.path()).args(["scan", ".", "--isolated"]));
    assert_eq!(code, 1, "{out}\n{err}");
    assert!(
        out.contains("app/routers.py:6:") && out.contains("typed `ReadingIn`"),
        "{out}"
    );
    assert!(
        out.contains("web/draft.ts:3:") && out.contains("typed `CheckIn`"),
        "{out}"
    );
    assert!(!out.contains("app/routers.py:7:"), "{out}");
    assert!(!out.contains("web/draft.ts:4:"), "{out}");
}

/// A helper that logs fields whose own names say PHI (`dto.patientName`) is reported there,
/// once, and not again at every call that passes it an argument.
#[test]
fn a_helper_reporting_named_fields_itself_is_not_reported_again_at_its_calls() {
    let dir = crate::support::project(&[
        (
            "web/referrals.service.ts",
            "export class ReferralsService {\n  create(dto) {\n    logger.info(`referral for ${dto.patientName}`);\n  }\n}\n",
        ),
        (
            "web/referrals.controller.ts",
            "import { ReferralsService } from './referrals.service';\nexport class ReferralsController {\n  constructor(private readonly referrals: ReferralsService) {}\n  create(patient) {\n    return this.referrals.create(patient);\n  }\n}\n",
        ),
    ]);
    let (code, out, err) =
        crate::support::run(crate::support::phi_lint(dir.path()).args(["scan", ".", "--isolated"]));
    assert_eq!(code, 1, "{out}\n{err}");
    assert!(out.contains("web/referrals.service.ts:3:"), "{out}");
    assert!(!out.contains("web/referrals.controller.ts"), "{out}");
}

/// Where a helper of another module logs what a call passes: a wrapper whose only statement is
/// the log call (`log_event(payload)`) is the caller's choice of what to log, reported
/// at the call; a log statement among the helper's other work (a warning in an `except`
/// branch) is the helper's own, reported once there whichever modules call it with PHI. A
/// helper that hashes its parameter before logging it, and calls that pass no PHI, are not
/// reported.
#[test]
fn a_helper_s_own_log_statement_is_reported_there_and_a_wrapper_at_its_call() {
    let dir = crate::support::project(&[
        (
            "app/sms.py",
            "import logging\nlog = logging.getLogger(__name__)\n\n\ndef notify(to_number, window):\n    try:\n        client.send(to=to_number, body=window)\n    except SendError as exc:\n        log.warning(\"sms to %s failed: %s\", to_number, exc.code)\n\n\ndef notify_hashed(to_number):\n    try:\n        client.send(to=to_number)\n    except SendError:\n        log.warning(\"sms failed for %s\", hmac_sha256(KEY, to_number))\n\n\ndef log_event(payload):\n    log.info(\"event %s\", payload)\n",
        ),
        (
            "app/jobs.py",
            "from .sms import notify, notify_hashed, log_event\n\n\ndef remind(patient, theme):\n    notify(patient.phone, \"9-11\")\n    notify_hashed(patient.phone)\n    log_event(patient.phone)\n    log_event(theme)\n",
        ),
        (
            "app/visits.py",
            "from .sms import notify\n\n\ndef arrive(patient, desk):\n    notify(patient.mobile_phone, \"now\")\n    notify(desk.extension, \"now\")\n",
        ),
        ("app/__init__.py", ""),
    ]);
    let (code, out, err) =
        crate::support::run(crate::support::phi_lint(dir.path()).args(["scan", ".", "--isolated"]));
    assert_eq!(code, 1, "{out}\n{err}");
    // The helper's own warning, once, for both calling modules.
    assert_eq!(out.matches("app/sms.py:9:").count(), 1, "{out}");
    assert!(out.contains("is passed to `notify` (from `app/"), "{out}");
    for line in [5, 6] {
        assert!(!out.contains(&format!("app/jobs.py:{line}:")), "{out}");
        assert!(!out.contains(&format!("app/visits.py:{line}:")), "{out}");
    }
    // Hashed before it is logged.
    assert!(!out.contains("app/sms.py:16:"), "{out}");
    // The wrapper: at the call that passes PHI, not at the one that passes a theme.
    assert!(
        out.contains("app/jobs.py:7:") && out.contains("is passed to `log_event`, where it"),
        "{out}"
    );
    assert!(!out.contains("app/jobs.py:8:"), "{out}");
    assert!(!out.contains("app/sms.py:20:"), "{out}");
}

/// A wrapper of a sink with several parameters (`remember(key, value, ttl)`): the sink call
/// names the key and the value, and a call passing PHI as the value is reported, whichever of
/// the two the summary's finding described. Not when the wrapper encrypts the value first, nor
/// for a helper that logs only a field of what it is given (`record.id`).
#[test]
fn every_parameter_a_wrapper_passes_whole_to_its_sink_is_summarised() {
    let dir = crate::support::project(&[
        (
            "app/db.py",
            "import json\nimport logging\n\nimport redis\n\nlog = logging.getLogger(__name__)\n_redis = redis.Redis()\n\n\ndef remember(key, value, ttl=900):\n    _redis.set(key, json.dumps(value), ex=ttl)\n\n\ndef remember_sealed(key, value):\n    _redis.set(key, fernet.encrypt(json.dumps(value).encode()))\n\n\ndef saved(record, actor):\n    log.info(\"saved %s by %s\", record.id, actor)\n",
        ),
        (
            "app/views.py",
            "from .db import remember, remember_sealed, saved\n\n\ndef show(session, pid, theme):\n    patient = session.get(Patient, pid)\n    remember(f\"pt:{pid}\", patient)\n    remember(\"theme\", theme)\n    remember_sealed(f\"pt:{pid}\", patient)\n    saved(patient, \"system\")\n",
        ),
    ]);
    let (code, out, err) =
        crate::support::run(crate::support::phi_lint(dir.path()).args(["scan", ".", "--isolated"]));
    assert_eq!(code, 1, "{out}\n{err}");
    assert!(
        out.contains("app/views.py:6:")
            && out.contains("is passed to `remember`, where it is stored unencrypted in a cache"),
        "{out}"
    );
    for line in [7, 8, 9] {
        assert!(!out.contains(&format!("app/views.py:{line}:")), "{out}");
    }
    assert!(!out.contains("app/db.py"), "{out}");
}

/// A Python wrapper that logs its `**fields` (`log_event(event, **fields)`): a call passing PHI
/// as a keyword argument is reported there; not a call passing only surrogate ids or a masked
/// value, nor one to a wrapper that encrypts the fields first.
#[test]
fn keyword_arguments_reach_a_wrapper_s_keyword_parameter() {
    let dir = crate::support::project(&[
        (
            "app/obs.py",
            "import json\nimport logging\n\nlogger = logging.getLogger(__name__)\n\n\ndef log_event(event, **fields):\n    logger.info(json.dumps({\"event\": event, **fields}, default=str))\n\n\ndef log_sealed(event, **fields):\n    logger.info(json.dumps({\"event\": event, \"data\": fernet.encrypt(json.dumps(fields).encode())}))\n",
        ),
        (
            "app/views.py",
            "from .obs import log_event, log_sealed\n\n\ndef show(session, pid):\n    patient = session.get(Patient, pid)\n    log_event(\"viewed\", case=patient.mrn, chars=3)\n    log_event(\"viewed\", patient_id=pid, chars=3)\n    log_event(\"viewed\", mrn=mask_mrn(patient.mrn))\n    log_sealed(\"viewed\", case=patient.mrn)\n",
        ),
    ]);
    let (code, out, err) =
        crate::support::run(crate::support::phi_lint(dir.path()).args(["scan", ".", "--isolated"]));
    assert_eq!(code, 1, "{out}\n{err}");
    assert!(
        out.contains("app/views.py:6:") && out.contains("is passed to `log_event`, where it"),
        "{out}"
    );
    for line in [7, 8, 9] {
        assert!(!out.contains(&format!("app/views.py:{line}:")), "{out}");
    }
    assert!(!out.contains("app/obs.py"), "{out}");
}

/// A hashing helper in another module (`fingerprint(value)` → `hashlib.md5`) hashes what its
/// callers give it: a caller passing an identifier is reported at its call, naming the helper,
/// and one passing a theme name is not. The helper alone is no finding (its parameter says
/// nothing).
#[test]
fn a_weak_hash_helper_of_another_module_is_reported_where_phi_is_passed() {
    let dir = crate::support::project(&[
        (
            "app/util.py",
            "import hashlib\n\n\ndef fingerprint(value):\n    return hashlib.md5(value.encode()).hexdigest()\n",
        ),
        (
            "app/views.py",
            "from .util import fingerprint\n\n\ndef link(patient, theme):\n    key = fingerprint(patient.ssn)\n    etag = fingerprint(theme.name)\n    return key, etag\n",
        ),
        ("app/__init__.py", ""),
        (
            "web/hash.ts",
            "import { createHash } from 'crypto';\nexport function digest(v: string): string {\n  return createHash('sha1').update(v).digest('hex');\n}\n",
        ),
        (
            "web/token.ts",
            "import { digest } from './hash';\nexport function token(p: { mrn: string }, css: string) {\n  return [digest(p.mrn), digest(css)];\n}\n",
        ),
    ]);
    let (code, out, err) =
        crate::support::run(crate::support::phi_lint(dir.path()).args(["scan", ".", "--isolated"]));
    assert_eq!(code, 1, "{out}\n{err}");
    assert!(
        out.contains("app/views.py:5:")
            && out.contains("is passed to `fingerprint`, where it is hashed with broken MD5"),
        "{out}"
    );
    assert!(!out.contains("app/views.py:6:"), "{out}");
    assert!(!out.contains("app/util.py"), "{out}");
    assert_eq!(out.matches("web/token.ts:3:").count(), 1, "{out}");
    assert!(
        out.contains("where it is hashed with broken SHA-1"),
        "{out}"
    );
}
