//! The one PHI classifier (PHI_DOMAIN §2). Every rule asks this module whether a name, a path
//! such as `patient.address.city`, or a type such as `Option<&Patient>` denotes PHI; no rule
//! carries its own PHI word list or regex.
//!
//! Evidence comes from the value's own name tokens, its receiver chain (`patient.x`), and its
//! declared type. Tokens are matched whole or as joined n-grams (`date_of_birth` →
//! `dateofbirth`), longest first, so a compound such as `patient_id` is read as one term (an
//! internal surrogate id) instead of `patient` + `id`. Scores follow §2.6: a strong identifier
//! is 0.9, a moderate one next to health or container context is 0.9, health information next
//! to a container is 0.85, a whole record is 0.75 ("PHI aggregate"), and metadata, protected
//! forms, non-patient owners and network context demote.

pub mod literals;
mod tokenize;
mod vocab;

use std::collections::{HashMap, HashSet};

pub use tokenize::{ngrams, tokenize, tokenize_into, NgramScratch, TermSet};
pub use vocab::Class;

/// Whether an identifier names a surrogate key by its last word (`encounterId`, `note_id`,
/// `row.uuid`'s `uuid`, `pk`, `patient_dbid`): the id of a record, not its content.
pub fn names_a_surrogate_id(ident: &str) -> bool {
    tokenize(ident).last().is_some_and(|t| {
        matches!(
            t.as_str(),
            "id" | "ids" | "uuid" | "uuids" | "dbid" | "guid" | "pk"
        )
    })
}

/// What kind of PHI a value is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// Social Security number (Safe Harbor G).
    Ssn,
    /// Medical record number (H).
    Mrn,
    /// A person's name (A).
    Name,
    /// A date related to the individual, or an age (C).
    Date,
    /// Street, city, ZIP and other geography (B).
    Address,
    /// Telephone or fax number (D, E).
    Phone,
    /// Email address (F).
    Email,
    /// Health plan beneficiary number (I).
    HealthPlan,
    /// Account or card number (J).
    Account,
    /// Certificate or license number (K).
    License,
    /// Vehicle identifier (L).
    Vehicle,
    /// Device identifier or serial number (M).
    Device,
    /// URL describing the individual (N).
    Url,
    /// IP address of the individual (O).
    Ip,
    /// Biometric identifier (P).
    Biometric,
    /// Full-face photograph (Q).
    Photo,
    /// Any other unique identifying number (R).
    OtherId,
    /// Demographics (sex, race) of a patient.
    Demographic,
    /// An internal surrogate id (`patient_id`).
    InternalId,
    /// Health information (diagnosis, medication, labs).
    Health,
    /// A whole PHI record (`patient`).
    Record,
}

impl Kind {
    /// A short description for messages, e.g. "Social Security number".
    pub fn describe(self) -> &'static str {
        match self {
            Kind::Ssn => "Social Security number",
            Kind::Mrn => "medical record number",
            Kind::Name => "name",
            Kind::Date => "date of birth or care date",
            Kind::Address => "address",
            Kind::Phone => "phone number",
            Kind::Email => "email address",
            Kind::HealthPlan => "health plan identifier",
            Kind::Account => "account number",
            Kind::License => "license or certificate number",
            Kind::Vehicle => "vehicle identifier",
            Kind::Device => "device identifier",
            Kind::Url => "personal URL",
            Kind::Ip => "IP address",
            Kind::Biometric => "biometric identifier",
            Kind::Photo => "photograph",
            Kind::OtherId => "unique identifier",
            Kind::Demographic => "demographic detail",
            Kind::InternalId => "internal patient id",
            Kind::Health => "health information",
            Kind::Record => "whole PHI record",
        }
    }

    /// Whether this is one of the direct identifiers of Safe Harbor.
    pub fn is_identifier(self) -> bool {
        !matches!(
            self,
            Kind::Health | Kind::Record | Kind::Demographic | Kind::InternalId
        )
    }
}

/// The classifier's verdict on a value.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Classification {
    /// Probability-like score in `[0, 1]`; ≥ 0.8 is high precision, ≥ 0.5 medium.
    pub score: f32,
    /// What kind of PHI it is.
    pub kind: Kind,
    /// Sensitive health information (HIV, mental health, substance use...): raises severity.
    pub sensitive: bool,
    /// A whole record rather than one field (minimum necessary).
    pub aggregate: bool,
    /// The value is masked or truncated (`masked_ssn`, `mask(ssn)`, `"***-**-" + ssn[-4:]`): the
    /// score carries the ×0.3 of a protected form once (PHI_DOMAIN §4.0). For logging and
    /// exposure the flow layer lifts a masked value that would be reported unmasked to
    /// [`MASKED_SCORE`] and
    /// `Checker::report_phi` reports it as a note: a partial identifier is still an identifier.
    pub masked: bool,
}

/// The demotion of a masked or truncated value (PHI_DOMAIN §2.6: protected forms ×0.3).
pub const MASK_FACTOR: f32 = 0.3;

/// The score of a masked identifier in logs and displays: reported (medium precision) as a
/// note, and never above an unmasked value that would be reported (ties go to the unmasked).
pub const MASKED_SCORE: f32 = 0.5;

impl Classification {
    /// A whole PHI record.
    pub fn record(score: f32) -> Classification {
        Classification {
            score,
            kind: Kind::Record,
            sensitive: false,
            aggregate: true,
            masked: false,
        }
    }

    /// A strong direct identifier (score ≥ 0.8 and not health context alone).
    pub fn is_strong_identifier(&self) -> bool {
        self.score >= 0.8 && self.kind.is_identifier()
    }

    /// Multiplies the score.
    pub fn demote(mut self, factor: f32) -> Classification {
        self.score *= factor;
        self
    }

    /// The verdict on a masked or truncated form of the value: ×[`MASK_FACTOR`], once.
    pub fn mask(mut self) -> Classification {
        if !self.masked {
            self.score *= MASK_FACTOR;
            self.masked = true;
        }
        self
    }

    /// The score the value would have unmasked.
    pub fn unmasked_score(&self) -> f32 {
        if self.masked {
            self.score / MASK_FACTOR
        } else {
            self.score
        }
    }

    /// The stronger of two verdicts.
    pub fn max(a: Option<Classification>, b: Option<Classification>) -> Option<Classification> {
        match (a, b) {
            (Some(a), Some(b)) => Some(if b.score > a.score { b } else { a }),
            (a, None) => a,
            (None, b) => b,
        }
    }
}

/// Per-project additions to the vocabulary (`[phi]` in `phi-lint.toml`).
#[derive(Clone, Debug, Default, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct VocabularyConfig {
    /// Extra strong identifier terms (`["bsn", "nhs_number"]`).
    #[serde(default)]
    pub strong: Vec<String>,
    /// Extra moderate identifier terms.
    #[serde(default)]
    pub moderate: Vec<String>,
    /// Extra health-information terms.
    #[serde(default)]
    pub health: Vec<String>,
    /// Extra container terms (`["client"]` in behavioural-health code).
    #[serde(default)]
    pub containers: Vec<String>,
    /// Terms that are never PHI in this project (`["member"]`).
    #[serde(default)]
    pub ignore: Vec<String>,
}

/// Verdict on one segment (`date_of_birth`), before receiver context.
#[derive(Clone, Copy, Debug, Default)]
struct Segment {
    ident: Option<(Class, Kind)>,
    health: Option<Class>,
    container: Option<Class>,
    meta: bool,
    protected: bool,
    masked: bool,
    owner: bool,
    network: bool,
    /// The segment names a configuration object (`config`, `settings`, `ehrConfig`).
    config: bool,
    /// The last token names a record's state (`patientStatus`): [`vocab::RECORD_STATE`].
    state_tail: bool,
    /// The last token is a noun of its own after the container (`patientPayments`,
    /// `patientCareGaps`, `PatientAndEncounterOwnership`): the name's head is that noun, not
    /// the record. Generic record words (`patientData`, `patientList`: [`RECORD_SUFFIXES`]) and
    /// vocabulary terms are no such noun.
    other_tail: bool,
    /// The last word names another kind of thing a record has or is sorted by
    /// (`patientType`, `patientQueue`, `patientVisitSection`): [`OTHER_ENTITIES`].
    other_entity_tail: bool,
    /// The last word names machinery or a description of data rather than the data
    /// (`prescriptionClient`, `PrescriptionRequestBuilder`, `medicationSystem`): [`APPARATUS`].
    apparatus_tail: bool,
    /// The last token says what a processing step did with the values (`fertility_processed`,
    /// `glucose_duplicates`): a count or a flag about them ([`PROCESSING_TAILS`]).
    processing_tail: bool,
    /// The segment names a set of counters (`stats`, `metrics`): its fields are counts named
    /// after what they count.
    tally: bool,
}

/// Last words of a name that count or flag what a pipeline step did with records of a kind
/// (`menstrual_processed`, `glucose_duplicates`, `labs_failed`), never the values themselves.
const PROCESSING_TAILS: &[&str] = &[
    "processed",
    "inserted",
    "updated",
    "deleted",
    "skipped",
    "failed",
    "failures",
    "duplicates",
    "deduplicated",
    "imported",
    "exported",
    "synced",
    "queued",
    "retried",
    "retries",
    "rejected",
    "ingested",
];

/// Last words of a name that make it a piece of the program or a description of data, not a
/// value of the health term before them: `prescriptionClient`, `PrescriptionRequestBuilder`,
/// `medicationSystem` (a code system's URI), `diagnosisSchema`.
const APPARATUS: &[&str] = &[
    "builder",
    "factory",
    "client",
    "service",
    "helper",
    "manager",
    "handler",
    "parser",
    "validator",
    "mapper",
    "converter",
    "translator",
    "formatter",
    "serializer",
    "provider",
    "controller",
    "adapter",
    "repository",
    "repo",
    "dao",
    "system",
    "schema",
    "module",
    "component",
    "router",
    "endpoint",
    "url",
    "uri",
    "template",
];

/// Last words that make a name another entity than the record its first words name: the
/// `name` of a `patientType`, a `patientQueue` or a `patientVisitSection` is that thing's name,
/// not the patient's.
const OTHER_ENTITIES: &[&str] = &[
    "type",
    "types",
    "kind",
    "kinds",
    "category",
    "categories",
    "queue",
    "queues",
    "section",
    "sections",
    "tab",
    "tabs",
    "group",
    "groups",
    "tag",
    "tags",
    "label",
    "labels",
    "column",
    "columns",
    "field",
    "fields",
    "role",
    "roles",
    "filter",
    "filters",
    "attribute",
    "attributes",
    "program",
    "programs",
    "workflow",
    "workflows",
];

/// Names of counter objects: `stats.glucose_readings` is a number.
const TALLIES: &[&str] = &[
    "stats",
    "statistics",
    "metrics",
    "counters",
    "counts",
    "totals",
    "tally",
];

/// The vocabulary plus the scoring model. Built once per run and shared by all threads.
#[derive(Debug)]
pub struct Vocabulary {
    terms: HashMap<String, (Class, Kind)>,
    /// [`Vocabulary::prefilter_terms`], for [`Vocabulary::mentions_phi`].
    phi_terms: TermSet,
    meta: HashSet<&'static str>,
    protected: HashSet<&'static str>,
    owner: HashSet<&'static str>,
    network: HashSet<&'static str>,
    fhir: HashSet<&'static str>,
}

const MAX_NGRAM: usize = 4;
const RECORD_SUFFIXES: &[&str] = &[
    "record",
    "records",
    "dto",
    "model",
    "data",
    "info",
    "details",
    "detail",
    "response",
    "entity",
    "profile",
    "summary",
    "bundle",
    "resource",
    "row",
    "obj",
    "object",
    "doc",
    "document",
    "list",
    "profiles",
    "summaries",
    "bundles",
    "resources",
    "objects",
    "docs",
    "documents",
    "lists",
    "entities",
    "models",
    "dtos",
    "infos",
    "responses",
];

/// A past participle that says what happened to or with a record (`patientInvolved`,
/// `patientsBooked`, `patientConsented`): after a container it names a flag or a count, not the
/// record, like the words of [`vocab::RECORD_STATE`]. Short words (`seed`, `feed`, `need`) and
/// `-eed` endings are not participles.
fn is_participle(token: &str) -> bool {
    token.len() >= 6 && token.ends_with("ed") && !token.ends_with("eed")
}

/// Last words that name a form or a copy of the record rather than something of its own
/// (`patientJson`, `patients_all`, `patientCopy`): no head noun for `Segment::other_tail`.
const RECORD_FORMS: &[&str] = &[
    "all", "new", "one", "full", "raw", "copy", "clone", "item", "items", "array", "map", "set",
    "json", "payload", "body", "result", "results", "rows", "res", "out",
];

impl Default for Vocabulary {
    fn default() -> Self {
        Vocabulary::new(&VocabularyConfig::default())
    }
}

impl Vocabulary {
    /// Builds the default vocabulary plus the project's additions.
    pub fn new(config: &VocabularyConfig) -> Vocabulary {
        let mut terms: HashMap<String, (Class, Kind)> = vocab::TERMS
            .iter()
            .map(|(t, c, k)| (t.to_string(), (*c, *k)))
            .collect();
        let joined = |t: &str| tokenize(t).concat();
        for t in &config.strong {
            terms.insert(joined(t), (Class::Strong, Kind::OtherId));
        }
        for t in &config.moderate {
            terms.insert(joined(t), (Class::Moderate, Kind::OtherId));
        }
        for t in &config.health {
            terms.insert(joined(t), (Class::Health, Kind::Health));
        }
        for t in &config.containers {
            terms.insert(joined(t), (Class::Container, Kind::Record));
        }
        for t in &config.ignore {
            terms.remove(&joined(t));
        }
        let mut v = Vocabulary {
            phi_terms: Default::default(),
            terms,
            meta: vocab::META.iter().copied().collect(),
            protected: vocab::PROTECTED.iter().copied().collect(),
            owner: vocab::OWNER.iter().copied().collect(),
            network: vocab::NETWORK.iter().copied().collect(),
            fhir: vocab::FHIR_RESOURCES.iter().copied().collect(),
        };
        v.phi_terms = TermSet::new(v.prefilter_terms());
        v
    }

    /// Every term whose presence a PHI finding needs, lowercase and joined (`dateofbirth`), for
    /// the byte-level prefilter. Terms that count only next to a container are left out: the
    /// container term is needed anyway.
    pub fn prefilter_terms(&self) -> Vec<String> {
        let mut out: Vec<String> = self
            .terms
            .iter()
            .filter(|(_, (class, _))| !matches!(class, Class::WithContainer | Class::WeakContainer))
            .map(|(t, _)| t.clone())
            .collect();
        out.extend(self.fhir.iter().map(|t| t.to_ascii_lowercase()));
        out.sort();
        out.dedup();
        out
    }

    /// Whether `text` mentions any PHI term at all, on whole tokens and their joined n-grams:
    /// a cheap gate before the data-flow layer is asked about an expression.
    pub fn mentions_phi(&self, text: &str) -> bool {
        thread_local! {
            static SCRATCH: std::cell::RefCell<NgramScratch> = Default::default();
        }
        SCRATCH.with(|s| {
            let mut scratch = s.borrow_mut();
            self.phi_terms.scan(text, MAX_NGRAM, &mut scratch, |_| true)
        })
    }

    /// Looks a joined token up.
    pub fn term(&self, token: &str) -> Option<(Class, Kind)> {
        self.terms.get(token).copied()
    }

    fn segment(&self, text: &str) -> Segment {
        let tokens = tokenize(text);
        let mut seg = Segment::default();
        // Whether the last token matched no vocabulary term.
        let mut tail_unmatched = false;
        let mut i = 0;
        while i < tokens.len() {
            let mut matched = 0;
            for n in (1..=MAX_NGRAM.min(tokens.len() - i)).rev() {
                let joined: String = if n == 1 {
                    tokens[i].clone()
                } else {
                    tokens[i..i + n].concat()
                };
                if let Some((class, kind)) = self.term(&joined) {
                    match class {
                        Class::Health | Class::Sensitive => {
                            if seg
                                .health
                                .is_none_or(|h| class == Class::Sensitive && h == Class::Health)
                            {
                                seg.health = Some(class);
                            }
                        }
                        Class::Container | Class::WeakContainer => {
                            if seg.container != Some(Class::Container) {
                                seg.container = Some(class);
                            }
                        }
                        _ => {
                            if seg.ident.is_none_or(|(c, _)| class < c) {
                                seg.ident = Some((class, kind));
                            }
                        }
                    }
                    matched = n;
                    break;
                }
            }
            tail_unmatched = matched == 0;
            if matched == 0 {
                let t = tokens[i].as_str();
                seg.meta |= self.meta.contains(t);
                seg.protected |= self.protected.contains(t);
                seg.masked |= vocab::MASKED.contains(&t);
                seg.owner |= self.owner.contains(t);
                seg.network |= self.network.contains(t);
                matched = 1;
            }
            i += matched;
        }
        // `numberOfPatients`, `number_of_visits`: how many, as `count` says.
        seg.meta |= tokens
            .windows(2)
            .any(|w| w[0].eq_ignore_ascii_case("number") && w[1].eq_ignore_ascii_case("of"));
        // `config`, `settings`, and a configuration of something (`ehrConfig`, `patient_settings`):
        // the last token names what the object is.
        seg.config = tokens.last().is_some_and(|t| {
            let t = t.to_lowercase();
            vocab::CONFIG.contains(&t.as_str()) || vocab::FIELD_META.contains(&t.as_str())
        });
        seg.processing_tail = tail_unmatched
            && tokens.len() > 1
            && tokens
                .last()
                .is_some_and(|t| PROCESSING_TAILS.contains(&t.to_lowercase().as_str()));
        seg.other_entity_tail = tokens.len() > 1
            && tokens
                .last()
                .is_some_and(|t| OTHER_ENTITIES.contains(&t.to_lowercase().as_str()));
        seg.apparatus_tail = tail_unmatched
            && tokens.len() > 1
            && tokens
                .last()
                .is_some_and(|t| APPARATUS.contains(&t.to_lowercase().as_str()));
        seg.tally = tokens
            .last()
            .is_some_and(|t| TALLIES.contains(&t.to_lowercase().as_str()));
        seg.state_tail = tokens.last().is_some_and(|t| {
            let t = t.to_lowercase();
            vocab::RECORD_STATE.contains(&t.as_str())
                || vocab::AMOUNTS.contains(&t.as_str())
                || is_participle(&t)
        });
        seg.other_tail = tail_unmatched
            && tokens.len() > 1
            && tokens.last().is_some_and(|t| {
                let t = t.to_lowercase();
                t.len() > 2
                    && !RECORD_SUFFIXES.contains(&t.as_str())
                    && !RECORD_FORMS.contains(&t.as_str())
                    && !self.meta.contains(t.as_str())
                    && !self.protected.contains(t.as_str())
                    && !self.owner.contains(t.as_str())
                    && !vocab::MASKED.contains(&t.as_str())
            });
        seg
    }

    /// The demotion a name carries by itself (metadata, protected form, another owner), whatever
    /// it holds: 1.0 for a neutral name such as `msg`, 0.2 for `count` or `subclass`.
    pub fn name_factor(&self, name: &str) -> f32 {
        let tokens = tokenize(name);
        let mut f = 1.0;
        if tokens
            .iter()
            .any(|t| vocab::VALUE_META.contains(&t.as_str()))
        {
            f *= 0.2;
        }
        if tokens.iter().any(|t| self.protected.contains(t.as_str())) {
            f *= 0.3;
        }
        f
    }

    /// Whether a name marks a masked or truncated value (`masked_ssn`, `ssnMasked`).
    pub fn name_is_masked(&self, name: &str) -> bool {
        tokenize(name)
            .iter()
            .any(|t| vocab::MASKED.contains(&t.as_str()))
    }

    /// Classifies a single name (a variable, key or keyword argument).
    pub fn classify_name(&self, name: &str) -> Option<Classification> {
        self.classify_path(&[name], false)
    }

    /// Classifies an access path: receivers first, the value's own name last
    /// (`["self", "patient", "ssn"]`). `receiver_is_record` says that data flow already knows the
    /// receiver to be a PHI record (a `patient: Patient` parameter).
    pub fn classify_path(
        &self,
        segments: &[&str],
        receiver_is_record: bool,
    ) -> Option<Classification> {
        let (leaf_text, receivers) = segments.split_last()?;
        let leaf = self.segment(leaf_text);
        let receivers: Vec<Segment> = receivers.iter().map(|s| self.segment(s)).collect();

        let strong_container = |s: &Segment| s.container == Some(Class::Container);
        // `patientType.name`: the receiver is another entity, whose name is not the patient's.
        let record_receiver = |s: &Segment| strong_container(s) && !s.other_entity_tail;
        let has_evidence = leaf.health.is_some()
            || matches!(leaf.ident, Some((Class::Strong | Class::Moderate, _)));
        let container_ctx = receiver_is_record
            || receivers.iter().any(record_receiver)
            || strong_container(&leaf)
            || (has_evidence
                && (leaf.container.is_some() || receivers.iter().any(|r| r.container.is_some())));
        let health_ctx = receivers.iter().any(|r| r.health.is_some());

        let mut verdict: Option<Classification> = None;
        let mut sensitive = false;
        if let Some((class, kind)) = leaf.ident {
            let score = match class {
                Class::Strong => 0.9,
                Class::Moderate if container_ctx || leaf.health.is_some() || health_ctx => 0.9,
                Class::Moderate => 0.6,
                Class::WithContainer if container_ctx => 0.9,
                Class::Weak if container_ctx => 0.6,
                Class::Weak => 0.25,
                Class::InternalId => 0.5,
                _ => 0.0,
            };
            if score > 0.0 {
                verdict = Some(Classification {
                    score,
                    kind,
                    sensitive: false,
                    aggregate: false,
                    masked: false,
                });
            }
        }
        if let Some(h) = leaf.health {
            sensitive = h == Class::Sensitive;
            let base = if sensitive { 0.7 } else { 0.6 };
            let health = if container_ctx { 0.85 } else { base };
            verdict = Some(match verdict {
                Some(v) if v.kind != Kind::InternalId => Classification {
                    score: (1.0 - (1.0 - v.score) * (1.0 - health)).max(v.score),
                    ..v
                },
                _ => Classification {
                    score: health,
                    kind: Kind::Health,
                    sensitive,
                    aggregate: false,
                    masked: false,
                },
            });
        }
        // A container alone is the whole record, unless the name ends with the record's state
        // (`medicalRecordStatus`, as `patient.status`).
        if verdict.is_none()
            && strong_container(&leaf)
            && leaf.ident.is_none()
            && !leaf.state_tail
            && !leaf.other_entity_tail
        {
            verdict = Some(if leaf.other_tail {
                // `patientPayments`, `getPatientCareGaps()`: something of the patient's, which
                // is PHI, but not the record (minimum-necessary rules about whole records do
                // not apply), and weaker than a health term of the vocabulary (0.6): a handler
                // reading only this does not touch PHI, a record literal's field does not make it
                // a patient's health information.
                Classification {
                    score: 0.55,
                    kind: Kind::Health,
                    sensitive: false,
                    aggregate: false,
                    masked: false,
                }
            } else {
                Classification::record(0.75)
            });
        }
        let mut verdict = verdict?;
        verdict.sensitive = sensitive;
        if leaf.meta
            || leaf.processing_tail
            || leaf.apparatus_tail
            || receivers.iter().any(|r| r.tally)
        {
            verdict.score *= 0.2;
        }
        if leaf.protected {
            verdict.score *= 0.3;
        }
        if leaf.masked {
            verdict = verdict.mask();
        }
        // An owner that is not the patient (`clinic.phone`, `repo.name`) makes an identifier
        // theirs; it does not make a record someone else's: `repo.get_patient()`,
        // `doctor.patients` and `user.patient` are still the patient's. A constant is no record
        // (`UserRole.PATIENT` names a role).
        let constant = leaf_text.len() > 1
            && leaf_text
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_');
        let owner = leaf.owner
            || ((verdict.kind != Kind::Record || constant)
                && receivers
                    .last()
                    .is_some_and(|r| r.owner && !strong_container(r)));
        if owner && verdict.kind != Kind::Health {
            verdict.score *= 0.2;
        }
        // A value read from a configuration object is a setting about records, not one.
        if receivers.iter().any(|r| r.config) {
            verdict.score *= 0.2;
        }
        let network = leaf.network || receivers.last().is_some_and(|r| r.network);
        if network && matches!(verdict.kind, Kind::Address | Kind::Ip | Kind::Url) {
            verdict.score *= 0.3;
        }
        Some(verdict)
    }

    /// Whether a variable's own name says it holds an identifier of a member of the workforce or
    /// a place (`staff_name`, `locationName`, `clinic_phone`): what it was assigned from
    /// (`_resolve_staff()` returning a full name) does not make it a patient's.
    /// `patient_provider_name` names the patient's side and is not one.
    pub fn names_owner_identifier(&self, name: &str) -> bool {
        let words: Vec<String> = tokenize(name).iter().map(|w| w.to_lowercase()).collect();
        let Some((last, before)) = words.split_last() else {
            return false;
        };
        // The last word is a direct identifier to the one classifier (`name`, `phone`, `email`).
        let identifier = self
            .term(last)
            .is_some_and(|(_, kind)| kind.is_identifier());
        !before.is_empty()
            && identifier
            && before
                .iter()
                .any(|w| vocab::WORKFORCE_OR_PLACE.contains(&w.trim_end_matches('s')))
            && !before.iter().any(|w| self.names_record(w))
    }

    /// Whether a name (`User`, `create_superuser`, `StaffMember`) names a user account or a
    /// member of the workforce and no patient-side record (`create_patient_user` is a
    /// patient's): [`vocab::ACCOUNT_WORDS`].
    pub fn names_account(&self, name: &str) -> bool {
        let words = tokenize(name);
        words
            .iter()
            .any(|w| vocab::ACCOUNT_WORDS.contains(&w.to_lowercase().as_str()))
            && !words.iter().any(|w| self.names_record(w))
    }

    /// Whether a name or path segment denotes a whole PHI record: a record type
    /// ([`Vocabulary::type_is_record`]: `Patient`, `MedicalRecord`) or a name the classifier reads
    /// as one (`patients`, `patient_record`). The test for models, receivers and route segments.
    pub fn names_record(&self, name: &str) -> bool {
        self.type_is_record(name) || self.classify_name(name).is_some_and(|c| c.aggregate)
    }

    /// Whether a type (`Patient`, `Option<&Patient>`, `fhir4.Observation`, `PatientRecord`)
    /// denotes a PHI record.
    pub fn type_is_record(&self, type_text: &str) -> bool {
        let words = type_text.split(|c: char| !c.is_alphanumeric() && c != '_');
        for word in words.filter(|w| !w.is_empty()) {
            if self.fhir.contains(word) {
                return true;
            }
            let tokens = tokenize(word);
            let Some(last) = tokens.last() else { continue };
            let joined = tokens.concat();
            if let Some((Class::Container, _)) = self.term(&joined) {
                return true;
            }
            let container_before = tokens[..tokens.len() - 1]
                .iter()
                .any(|t| matches!(self.term(t), Some((Class::Container, _))));
            if matches!(self.term(last), Some((Class::Container, _)))
                || (container_before && RECORD_SUFFIXES.contains(&last.as_str()))
            {
                return true;
            }
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn score(path: &[&str]) -> f32 {
        Vocabulary::default()
            .classify_path(path, false)
            .map_or(0.0, |c| c.score)
    }

    #[test]
    fn strong_identifiers_are_high() {
        for name in [
            "ssn",
            "patient_ssn",
            "dateOfBirth",
            "DOB",
            "mrn",
            "first_name",
            "socialSecurityNumber",
        ] {
            assert!(score(&[name]) >= 0.8, "{name}: {}", score(&[name]));
        }
    }

    #[test]
    fn receiver_context_decides_weak_names() {
        assert!(score(&["patient", "name"]) >= 0.8);
        assert!(score(&["self", "patient", "email"]) >= 0.8);
        assert_eq!(score(&["file", "name"]), 0.0);
        assert_eq!(score(&["user", "email"]), 0.0);
        assert_eq!(score(&["host_name"]), 0.0);
        assert!(score(&["patient", "file_name"]) < 0.5);
        assert!(
            Vocabulary::default()
                .classify_path(&["p", "name"], true)
                .unwrap()
                .score
                >= 0.8
        );
    }

    #[test]
    fn substrings_never_match() {
        for name in [
            "doubled",
            "adobe",
            "label",
            "massive",
            "diagnostics",
            "std",
            "visitor",
            "zipfile",
        ] {
            assert!(score(&[name]) < 0.5, "{name}");
        }
    }

    #[test]
    fn demotions_apply() {
        assert!(score(&["patient_count"]) < 0.5);
        assert!(score(&["ssn_hash"]) < 0.5);
        assert!(score(&["masked_ssn"]) < 0.5);
        assert!(score(&["ssn_regex"]) < 0.5);
        assert!(score(&["is_patient"]) < 0.5);
        assert!(score(&["clinic_phone"]) < 0.5);
        assert!(score(&["patient", "id"]) < 0.5);
        assert!(score(&["patient", "provider", "name"]) < 0.5);
        assert!(score(&["remote_address"]) < 0.5);
    }

    #[test]
    fn masked_names_are_flagged_and_demoted_once() {
        let v = Vocabulary::default();
        let masked = v.classify_name("masked_ssn").unwrap();
        assert!(masked.masked && masked.score < 0.3);
        assert!((masked.unmasked_score() - 0.9).abs() < 1e-4);
        assert_eq!(masked.mask(), masked);
        assert!(v.name_is_masked("ssnMasked") && !v.name_is_masked("unmasked_count_x"));
        let hashed = v.classify_name("ssn_hash").unwrap();
        assert!(
            !hashed.masked,
            "a hash is a protected form, not a masked one"
        );
    }

    #[test]
    fn records_and_health() {
        let v = Vocabulary::default();
        let rec = v.classify_name("patient").unwrap();
        assert!(rec.aggregate && (0.5..0.8).contains(&rec.score));
        assert!(score(&["patient", "diagnosis"]) >= 0.8);
        assert!((0.5..0.8).contains(&score(&["diagnosis"])));
        assert!(v.classify_name("hiv_status").unwrap().sensitive);
        let internal = v.classify_name("patient_id").unwrap();
        assert_eq!(internal.kind, Kind::InternalId);
    }

    #[test]
    fn a_record_state_is_not_the_record() {
        let v = Vocabulary::default();
        // The state of a record, like `patient.status`, holds no PHI by its name...
        for name in [
            "medicalrecordStatus",
            "patientStatus",
            "patient_state",
            "patientLoading",
            "patientModal",
        ] {
            assert!(v.classify_name(name).is_none(), "{name}");
        }
        assert!(v.classify_path(&["patient", "status"], false).is_none());
        // ...but a health term's status is health information, and the record itself is one.
        for (name, kind) in [
            ("hivStatus", Kind::Health),
            ("smoking_status", Kind::Health),
            ("patientRecord", Kind::Record),
            ("selectedPatient", Kind::Record),
        ] {
            assert_eq!(v.classify_name(name).map(|c| c.kind), Some(kind), "{name}");
        }
        assert_eq!(
            v.classify_path(&["patient", "maritalStatus"], false)
                .map(|c| c.kind),
            Some(Kind::Demographic)
        );
    }

    #[test]
    fn types() {
        let v = Vocabulary::default();
        for t in [
            "Patient",
            "&Patient",
            "Option<Patient>",
            "fhir4.Observation",
            "PatientRecord",
            "models.Patient",
        ] {
            assert!(v.type_is_record(t), "{t}");
        }
        for t in [
            "PatientService",
            "str",
            "Request",
            "HttpClient",
            "Option<String>",
        ] {
            assert!(!v.type_is_record(t), "{t}");
        }
    }

    #[test]
    fn names_that_are_records() {
        let v = Vocabulary::default();
        // Types, and names the classifier reads as a whole record.
        for n in ["Patient", "MedicalRecord", "patients", "patient_record"] {
            assert!(v.names_record(n), "{n}");
        }
        for n in ["file", "user", "patient_id", "ssn"] {
            assert!(!v.names_record(n), "{n}");
        }
    }

    #[test]
    fn a_noun_after_the_container_is_the_names_head() {
        let v = Vocabulary::default();
        // The record itself, a generic record word, a qualifier before the container.
        for n in [
            "patientData",
            "patient_list",
            "patient_summaries",
            "recallPatient",
            "newPatients",
        ] {
            let c = v.classify_name(n).unwrap();
            assert!(c.aggregate && c.kind == Kind::Record, "{n}: {c:?}");
        }
        // Something of the patient's: PHI, but not the record, and weaker than a health term.
        for n in [
            "patientPayments",
            "patient_care_gaps",
            "PatientAndEncounterOwnership",
        ] {
            let c = v.classify_name(n).unwrap();
            assert!(
                !c.aggregate && c.kind == Kind::Health && c.score < 0.6,
                "{n}: {c:?}"
            );
        }
        // UI state about patients is not theirs at all, nor is a flag or a count of what
        // happened to them, nor an amount they owe.
        for n in [
            "patientViewPreference",
            "patient_filters",
            "patientInvolved",
            "patientsBooked",
            "emergencyContactNotified",
            "patientShare",
            "patient_balance",
        ] {
            assert!(
                v.classify_name(n)
                    .is_none_or(|c| !c.aggregate && c.score < 0.5),
                "{n}"
            );
        }
    }

    #[test]
    fn participles_are_states_but_health_terms_keep_their_evidence() {
        let v = Vocabulary::default();
        for t in ["involved", "booked", "notified", "generated"] {
            assert!(is_participle(t), "{t}");
        }
        for t in ["seed", "embed", "proceed", "patient", "record", "ed"] {
            assert!(!is_participle(t), "{t}");
        }
        // A state after a health term leaves the health term's evidence.
        let c = v.classify_name("patientDiagnosisConfirmed").unwrap();
        assert!(c.score >= 0.5, "{c:?}");
        assert!(v.classify_name("patient").unwrap().score >= 0.7);
    }

    #[test]
    fn config_extends_vocabulary() {
        let cfg = VocabularyConfig {
            strong: vec!["bsn".into()],
            ignore: vec!["ssn".into()],
            ..Default::default()
        };
        let v = Vocabulary::new(&cfg);
        assert!(v.classify_name("bsn").unwrap().score >= 0.8);
        assert!(v.classify_name("ssn").is_none());
    }
}
