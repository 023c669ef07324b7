use chrono::{DateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use std::fmt;
use uuid::Uuid;

use crate::schema::{access_audit, patients, reports, studies};

#[derive(Queryable, Selectable, Identifiable, Clone)]
#[diesel(table_name = patients)]
pub struct PatientRow {
    pub id: Uuid,
    pub mrn_sealed: Vec<u8>,
    pub name_sealed: Vec<u8>,
    pub birth_date_sealed: Vec<u8>,
    pub mrn_pseudonym: String,
    pub created_at: DateTime<Utc>,
}

/// Decrypted patient as handed to the reading UI.
#[derive(Serialize, Clone, Debug)]
pub struct Patient {
    pub id: Uuid,
    pub mrn: String,
    pub name: String,
    pub birth_date: String,
}

#[derive(Queryable, Selectable, Identifiable, Serialize, Clone, Debug)]
#[diesel(table_name = studies)]
pub struct Study {
    pub id: Uuid,
    pub patient_id: Uuid,
    pub accession: String,
    pub modality: String,
    pub body_part: String,
    pub study_uid: String,
    pub status: String,
    pub assigned_to: Option<String>,
    pub scheduled_at: DateTime<Utc>,
}

#[derive(Queryable, Selectable, Identifiable, Clone)]
#[diesel(table_name = reports)]
pub struct Report {
    pub id: Uuid,
    pub study_id: Uuid,
    pub findings_sealed: Vec<u8>,
    pub impression: String,
    pub critical: bool,
    pub signed_by: Option<String>,
    pub signed_at: Option<DateTime<Utc>>,
}

impl fmt::Debug for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Report").field("id", &self.id).field("study_id", &self.study_id).field("critical", &self.critical).finish_non_exhaustive()
    }
}

#[derive(Insertable)]
#[diesel(table_name = reports)]
pub struct NewReport {
    pub id: Uuid,
    pub study_id: Uuid,
    pub findings_sealed: Vec<u8>,
    pub impression: String, // LEAK(storage): impression stored in plaintext while findings in the same row are sealed
    pub critical: bool,
}

#[derive(Deserialize)]
pub struct ReportDraft {
    pub findings: String,
    pub impression: String,
    pub critical: bool,
}

#[derive(Insertable)]
#[diesel(table_name = access_audit)]
pub struct NewAudit<'a> {
    pub actor: &'a str,
    pub method: &'a str,
    pub path: &'a str,
    pub status: i32,
}
