// @generated automatically by Diesel CLI.

diesel::table! {
    patients (id) {
        id -> Uuid,
        mrn_sealed -> Bytea,
        name_sealed -> Bytea,
        birth_date_sealed -> Bytea,
        mrn_pseudonym -> Varchar,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    studies (id) {
        id -> Uuid,
        patient_id -> Uuid,
        accession -> Varchar,
        modality -> Varchar,
        body_part -> Varchar,
        study_uid -> Varchar,
        status -> Varchar,
        assigned_to -> Nullable<Varchar>,
        scheduled_at -> Timestamptz,
    }
}

diesel::table! {
    reports (id) {
        id -> Uuid,
        study_id -> Uuid,
        findings_sealed -> Bytea,
        impression -> Text,
        critical -> Bool,
        signed_by -> Nullable<Varchar>,
        signed_at -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    access_audit (id) {
        id -> Int8,
        actor -> Varchar,
        method -> Varchar,
        path -> Varchar,
        status -> Int4,
        at -> Timestamptz,
    }
}

diesel::joinable!(studies -> patients (patient_id));
diesel::joinable!(reports -> studies (study_id));
diesel::allow_tables_to_appear_in_same_query!(patients, studies, reports, access_audit);
