//! missing-audit project fixtures: each `fixtures/projects/<framework>_<scenario>/` tree is
//! scanned as a whole (the rule joins facts across files) and must give exactly the listed
//! `(path, line, code)` findings: unaudited PHI handlers found, audited ones (decorator,
//! middleware, helper one call away in another module, global configuration) silent.

use phi_lint::settings::{Overrides, Settings};

use crate::support::{copy_tree, root};

/// Scans a copy of `fixtures/projects/<project>` with `overrides` (made isolated). Copied out of
/// the repository so paths are relative to the tree and no `fixtures` component demotes
/// anything.
fn scan(project: &str, overrides: Overrides) -> phi_lint::Report {
    let dir = copy_tree(&root().join("fixtures/projects").join(project));
    let overrides = Overrides {
        isolated: true,
        ..overrides
    };
    let settings = Settings::resolve(None, &overrides, &[]).expect("settings");
    phi_lint::check(&settings, &[dir.path().to_path_buf()])
}

/// The join reads every file's facts back from the spill file exactly as from memory (a scan
/// only writes the file past a few MB of facts, more than any fixture has).
#[test]
fn findings_are_the_same_when_every_file_is_read_back_from_disk() {
    let mut total = 0;
    for project in [
        "express_app",
        "nestjs_services",
        "nestjs_typed_fields",
        "django_middleware",
        "axum_service",
        "flask_app",
    ] {
        let dir = copy_tree(&root().join("fixtures/projects").join(project));
        let paths = [dir.path().to_path_buf()];
        let overrides = Overrides {
            select: vec!["missing-audit".into()],
            isolated: true,
            ..Default::default()
        };
        let in_memory = Settings::resolve(None, &overrides, &[]).unwrap();
        let mut on_disk = Settings::resolve(None, &overrides, &[]).unwrap();
        on_disk.spill = std::sync::Arc::new(phi_lint::spill::Store::with_flush_threshold(1));
        let found = |settings: &Settings| -> Vec<String> {
            let report = phi_lint::check(settings, &paths);
            assert!(
                report.notifications.is_empty(),
                "{:?}",
                report.notifications
            );
            report
                .diagnostics
                .iter()
                .map(|d| format!("{}:{} {}", d.path, d.start.line, d.message))
                .collect()
        };
        let (a, b) = (found(&in_memory), found(&on_disk));
        assert_eq!(a, b, "{project}");
        assert_eq!(in_memory.spill.bytes_on_disk(), 0, "{project}");
        assert!(on_disk.spill.bytes_on_disk() > 0, "{project}");
        total += a.len();
    }
    assert!(total >= 5, "{total} findings");
}

fn findings(project: &str) -> Vec<(String, usize, String)> {
    findings_at(project, None)
}

/// The findings at a minimum confidence (`None`: the default).
fn findings_at(
    project: &str,
    min_confidence: Option<phi_lint::rules::Confidence>,
) -> Vec<(String, usize, String)> {
    let report = scan(
        project,
        Overrides {
            select: vec!["missing-audit".into()],
            threads: Some(2),
            min_confidence,
            ..Default::default()
        },
    );
    assert!(
        report.notifications.is_empty(),
        "{project}: {:?}",
        report.notifications
    );
    report
        .diagnostics
        .iter()
        .map(|d| {
            (
                d.path.clone(),
                d.start.line as usize,
                d.rule.code.to_string(),
            )
        })
        .collect()
}

fn expect(project: &str, want: &[(&str, usize, &str)]) {
    let got = findings(project);
    let want: Vec<(String, usize, String)> = want
        .iter()
        .map(|(p, l, c)| (p.to_string(), *l, c.to_string()))
        .collect();
    assert_eq!(got, want, "{project}: findings differ");
}

#[test]
fn flask_decorator_and_helper_in_another_module() {
    expect("flask_app", &[("app.py", 10, "PHI401")]);
}

#[test]
fn django_model_history_does_not_cover_reads() {
    expect(
        "django_history",
        &[
            ("clinic/views.py", 10, "PHI401"),
            ("clinic/views.py", 27, "PHI401"),
            ("clinic/views.py", 36, "PHI401"),
            ("clinic/views.py", 40, "PHI401"),
        ],
    );
}

#[test]
fn django_audit_middleware_covers_everything() {
    expect("django_middleware", &[]);
}

#[test]
fn fastapi_router_and_route_dependencies() {
    expect("fastapi_deps", &[("main.py", 15, "PHI401")]);
}

#[test]
fn express_router_middleware_order_and_helpers() {
    // Line 14 touches PHI only through the `/patients` prefix it is mounted under in app.js: a
    // route word is no PHI value read, so it is no evidence.
    expect("express_app", &[("routes/patients.js", 7, "PHI401")]);
}

/// CommonJS controllers (`exports.x = ...`, `module.exports.x = function ...`,
/// `module.exports = { x: ... }`) named by routes registered inside an exported function.
#[test]
fn express_commonjs_exports_are_route_targets() {
    expect(
        "express_commonjs",
        &[
            ("controller/records.controller.js", 5, "PHI401"),
            ("controller/records.controller.js", 10, "PHI401"),
        ],
    );
    // A handler in a file where no handler audits, while handlers of other files audit one by
    // one, is a low-confidence deviation: reported only below the default confidence.
    assert_low_only("express_commonjs", ("controller/visits.controller.js", 4));
}

/// `finding` is reported at low confidence and not at the default.
fn assert_low_only(project: &str, finding: (&str, usize)) {
    let key = (finding.0.to_string(), finding.1, "PHI401".to_string());
    assert!(
        !findings(project).contains(&key),
        "{project}: {key:?} at the default"
    );
    let low = findings_at(project, Some(phi_lint::rules::Confidence::Low));
    assert!(
        low.contains(&key),
        "{project}: {key:?} missing at low confidence: {low:?}"
    );
}

#[test]
fn nestjs_interceptors_on_method_and_class() {
    expect("nestjs_api", &[("src/patients.controller.ts", 9, "PHI401")]);
}

#[test]
fn axum_layer_covers_only_routes_before_it() {
    expect("axum_service", &[("src/handlers.rs", 7, "PHI401")]);
}

#[test]
fn nextjs_pages_wrapper_and_app_router_exports() {
    expect(
        "nextjs_app",
        &[
            // `export const PATCH = withSession(async (req) => ...)`: an inline handler in a
            // wrapper that does not audit, beside a `withAudit`-wrapped one.
            ("app/api/cycles/[cycleId]/route.ts", 10, "PHI401"),
            ("app/api/patients/[id]/route.ts", 3, "PHI401"),
        ],
    );
    assert_low_only("nextjs_app", ("pages/api/patients/[id].ts", 3));
}

#[test]
fn koa_and_fastify_routes_and_hooks() {
    expect("koa_fastify", &[("fastify.js", 7, "PHI401")]);
    assert_low_only("koa_fastify", ("koa.js", 6));
}

#[test]
fn actix_scope_wrap_and_rocket_request_guard() {
    expect(
        "actix_rocket",
        &[
            ("src/actix.rs", 9, "PHI401"),
            ("src/rocket.rs", 3, "PHI401"),
        ],
    );
}

#[test]
fn snippets_and_fingerprints_of_project_findings_are_their_functions() {
    // Function records keep no path or snippet of their own (the file's tables hold them):
    // each finding must still show its own function's line and a 16-digit fingerprint.
    let report = scan(
        "django_history",
        Overrides {
            select: vec!["PHI401".into()],
            snippets: true,
            ..Default::default()
        },
    );
    assert_eq!(report.diagnostics.len(), 4, "{:?}", report.diagnostics);
    for d in &report.diagnostics {
        let name = d
            .message
            .split('`')
            .nth(1)
            .expect("handler name in message");
        let snippet = d.snippet.as_deref().expect("snippet");
        assert!(
            snippet.contains(&format!("def {name}("))
                || snippet.contains(&format!("class {name}(")),
            "{name}: {snippet}"
        );
        assert_eq!(d.path, "clinic/views.py");
        // `hex` or `hex:n` (made unique within the file).
        let hex = d.fingerprint.split(':').next().unwrap_or_default();
        assert_eq!(hex.len(), 16, "{}", d.fingerprint);
        assert!(
            hex.bytes().all(|b| b.is_ascii_hexdigit()),
            "{}",
            d.fingerprint
        );
    }
}

#[test]
fn nestjs_audit_in_an_injected_service() {
    // `this.patientsService.findOne()` reaches `PatientsService.findOne`, which audits (and
    // `create` through a private helper); `findAll` and `remove` do not, and another class's
    // auditing `remove` does not stand in for them.
    expect(
        "nestjs_services",
        &[
            ("src/patients.controller.ts", 14, "PHI401"),
            ("src/patients.controller.ts", 24, "PHI401"),
        ],
    );
}

#[test]
fn nestjs_audit_through_a_field_named_unlike_its_class() {
    // `this.patients.findOne()` on `private readonly patients: PatientsService`: the field's
    // declared class, not its name, says which service is called.
    expect(
        "nestjs_typed_fields",
        &[
            ("src/patients.controller.ts", 15, "PHI401"),
            ("src/patients.controller.ts", 25, "PHI401"),
        ],
    );
}

#[test]
fn axum_audit_in_a_repository_behind_a_trait_object() {
    // `state.patient_repository.create(&p).unwrap()`: the call inside the chain, on a field named
    // after the `PatientRepository` its type implements, reaches the audited `create`.
    expect("axum_repository", &[("src/handlers.rs", 25, "PHI401")]);
}

#[test]
fn django_model_form_save_and_queries_by_patient() {
    // `form = MedicalRecordForm(...); form.save()` writes a PHI model; a `ContactForm` does not.
    // A query selecting by patient (`Appointment.objects.filter(patient=...)`) reads that
    // patient's records; one selecting by user does not. Nothing in this application audits,
    // so both PHI views make one application-level finding, at the first.
    expect("django_forms", &[("records/views.py", 9, "PHI401")]);
    let report = scan(
        "django_forms",
        Overrides {
            select: vec!["PHI401".into()],
            ..Default::default()
        },
    );
    assert!(
        report.diagnostics[0]
            .message
            .contains("and 1 other handler")
            && report.diagnostics[0]
                .message
                .contains("anywhere in this application"),
        "{}",
        report.diagnostics[0].message
    );
}

/// Project facts belong to one application (the closest manifest above a file): scanning a
/// folder of services reports what scanning each service alone reports. Before, the intake
/// service's app-level middleware silenced every handler of the billing and records services.
#[test]
fn a_monorepo_scan_equals_the_union_of_its_applications() {
    let dir = copy_tree(&root().join("fixtures/projects/monorepo"));
    let settings = Settings::resolve(
        None,
        &Overrides {
            isolated: true,
            select: vec!["missing-audit".into()],
            ..Default::default()
        },
        &[],
    )
    .expect("settings");
    let keyed = |report: phi_lint::Report, prefix: &str| -> Vec<(String, u32, String)> {
        let mut v: Vec<_> = report
            .diagnostics
            .iter()
            .map(|d| {
                let path = d.path.replace('\\', "/");
                let rel = match path.find("services/") {
                    Some(at) => path[at..].to_string(),
                    None => format!("{prefix}{path}"),
                };
                (rel, d.start.line, d.rule.code.to_string())
            })
            .collect();
        v.sort();
        v
    };
    let whole = keyed(phi_lint::check(&settings, &[dir.path().to_path_buf()]), "");
    let mut union = Vec::new();
    for app in ["billing", "intake", "records"] {
        let path = dir.path().join("services").join(app);
        union.extend(keyed(
            phi_lint::check(&settings, &[path]),
            &format!("services/{app}/"),
        ));
    }
    union.sort();
    assert_eq!(whole, union);
    assert_eq!(
        whole,
        [
            (
                "services/billing/src/server.js".to_string(),
                6,
                "PHI401".to_string()
            ),
            (
                "services/records/records/views.py".to_string(),
                17,
                "PHI401".to_string()
            ),
        ]
    );
}

/// Scans `project` at low confidence: `(path, line, message)` of every missing-audit finding.
fn findings_low(project: &str) -> Vec<(String, usize, String)> {
    let report = scan(
        project,
        Overrides {
            select: vec!["PHI401".into()],
            min_confidence: Some(phi_lint::rules::Confidence::Low),
            ..Default::default()
        },
    );
    report
        .diagnostics
        .iter()
        .map(|d| (d.path.clone(), d.start.line as usize, d.message.clone()))
        .collect()
}

/// A Django `MIDDLEWARE` entry naming the application's own class counts by what the class
/// does: one that logs who requested what (the request's user with its path and method) is an
/// access log for every handler, whatever its name. A middleware that only times requests is
/// no audit, so the other application keeps its one application-level finding.
#[test]
fn django_request_logging_middleware_is_audit_by_what_it_does() {
    expect(
        "django_request_logging",
        &[("timing/timing/views.py", 6, "PHI401")],
    );
}

/// A model whose own fields hold no PHI (a consent grant: foreign keys and an expiry date) is
/// not a PHI record, and an existence check (`.exists()`) reads none: only the view reading a
/// patient's MBI without the audit its sibling has is reported.
#[test]
fn models_without_phi_fields_and_existence_checks_are_no_phi_reads() {
    expect(
        "django_consent_grants",
        &[("consent/views.py", 28, "PHI401")],
    );
}

/// A handler belongs to the application that routes it: the auth crate of a Cargo workspace,
/// whose handlers the server crate's router mounts (importing them with `use clinic_auth::`),
/// shares the server's audit. The consent screen routed outside the audited layer is a holdout
/// (not "no audit anywhere"); the launch handler only stores a `patient: Option<String>`
/// reference and reads no PHI. A route naming a function of another crate it does not import
/// is no mount: that crate stays its own application, with no audit anywhere.
#[test]
fn cargo_workspace_member_routed_by_the_server_is_part_of_its_application() {
    let got = findings_low("cargo_workspace");
    assert_eq!(got.len(), 2, "{got:?}");
    let (path, line, message) = &got[0];
    assert_eq!((path.as_str(), *line), ("crates/auth/src/authorize.rs", 4));
    assert!(
        message.contains("escapes the audit that other routes registered beside it have"),
        "{message}"
    );
    let (path, line, message) = &got[1];
    assert_eq!((path.as_str(), *line), ("crates/legacy/src/lib.rs", 5));
    assert!(
        message.contains("anywhere in this application"),
        "{message}"
    );
    expect(
        "cargo_workspace",
        &[
            ("crates/auth/src/authorize.rs", 4, "PHI401"),
            ("crates/legacy/src/lib.rs", 5, "PHI401"),
        ],
    );
}

/// Audit outside the handler: a Sequelize `afterCreate` hook covers the create route, a
/// `findByPk(id, { attributes: ['id'] })` existence check reads no PHI, and the chart read that
/// escapes its sibling's audit call stays.
#[test]
fn sequelize_hooks_and_id_only_projections() {
    expect(
        "express_sequelize_hooks",
        &[("routes/patients.js", 26, "PHI401")],
    );
}

/// A Django `post_save` receiver that audits and a database trigger created in a migration
/// that writes an audit table are model history: the write views are covered, the read view
/// is a low-confidence holdout whose message names the mechanism.
#[test]
fn django_signal_receivers_and_database_triggers_cover_writes() {
    expect("django_write_hooks", &[]);
    let got = findings_low("django_write_hooks");
    let lines: Vec<(&str, usize)> = got.iter().map(|(p, l, _)| (p.as_str(), *l)).collect();
    assert_eq!(
        lines,
        [
            ("signals/records/views.py", 23),
            ("triggers/records/views.py", 23)
        ]
    );
    assert!(got[0].2.contains("model signal receiver"), "{}", got[0].2);
    assert!(got[1].2.contains("database audit trigger"), "{}", got[1].2);
}

/// An application that writes access records outside any handler this analysis recognises (a
/// chart service called from a template tag) has an audit mechanism: a handler
/// without it is a deviation reported at low confidence, never "no audit anywhere in this
/// application".
#[test]
fn an_audit_record_written_outside_recognised_handlers_is_the_applications_mechanism() {
    expect("django_access_records", &[]);
    let got = findings_low("django_access_records");
    assert_eq!(got.len(), 1, "{got:?}");
    let (path, line, message) = &got[0];
    assert_eq!((path.as_str(), *line), ("records/pathways.py", 7));
    assert!(message.contains("escapes the audit"), "{message}");
    assert!(
        !message.contains("anywhere in this application"),
        "{message}"
    );
}

#[test]
fn nestjs_thin_handler_whose_service_reads_phi_beside_audited_siblings() {
    // `return this.referrals.summarize(id)`: the handler's own body shows no PHI, the service
    // method it calls reads the patient's name and birth date. Its siblings in the same
    // controller audit one by one (`@UseInterceptors(AuditInterceptor)`), so skipping it is a
    // deviation. A handler whose service reads only patient ids (`select: { patient_id: true }`)
    // touches no PHI.
    expect(
        "nestjs_thin_controller",
        &[("src/referrals.controller.ts", 23, "PHI401")],
    );
    // Without per-handler audit beside it, PHI seen only through a callee reports nothing.
    expect("nestjs_thin_unaudited", &[]);
}
