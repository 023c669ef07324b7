import hashlib
import hmac
import os
import uuid
from datetime import datetime, timezone

from psycopg.rows import dict_row
from psycopg_pool import ConnectionPool

from labrelay.settings import DATABASE_URL

pool = ConnectionPool(DATABASE_URL, min_size=1, max_size=8, kwargs={"row_factory": dict_row})
_FP_KEY = os.environ.get("DEDUP_HMAC_KEY", "").encode()


def legacy_dedup_key(mrn, dob, accession):
    # kept for the v1 results table, which is still keyed on this
    return hashlib.sha1(f"{mrn}|{dob}|{accession}".encode()).hexdigest()  # LEAK(crypto): SHA-1 over MRN and DOB


def accession_fingerprint(accession, collected_at):
    return hmac.new(_FP_KEY, f"{accession}|{collected_at}".encode(), hashlib.sha256).hexdigest()  # SAFE(crypto): keyed HMAC of lab accession


def find_patient(mrn, dob):
    with pool.connection() as conn:
        return conn.execute(
            "SELECT id, external_id, first_name, last_name, phone FROM patients WHERE mrn = %s AND dob = %s",
            (mrn, dob),
        ).fetchone()


def insert_result(patient_id, result):
    result_id = str(uuid.uuid4())
    with pool.connection() as conn:
        conn.execute(  # LEAK(storage): test names and observation values go to plaintext columns; only raw_hl7 is encrypted
            """INSERT INTO lab_results (id, patient_id, accession, test_code, test_name, collected_at,
                                        observations, raw_hl7, dedup_key, fingerprint)
               VALUES (%s, %s, %s, %s, %s, %s, %s, pgp_sym_encrypt(%s, current_setting('app.phi_key')), %s, %s)""",
            (
                result_id,
                patient_id,
                result["accession"],
                result["test_code"],
                result["test_name"],
                result["collected_at"],
                result["observations"],
                result["raw"],
                legacy_dedup_key(result["mrn"], result["dob"], result["accession"]),
                accession_fingerprint(result["accession"], result["collected_at"]),
            ),
        )
    return result_id


_RESULT_SQL = """
SELECT r.id, r.test_code, r.test_name, r.collected_at, r.observations, r.released_at,
       pgp_sym_decrypt(r.raw_hl7, current_setting('app.phi_key')) AS raw_hl7,
       p.external_id AS patient_ref, p.mrn, p.first_name, p.last_name,
       p.first_name || ' ' || p.last_name AS patient_name, p.dob, p.phone
FROM lab_results r JOIN patients p ON p.id = r.patient_id
"""


def get_result(result_id):
    with pool.connection() as conn:
        return conn.execute(_RESULT_SQL + " WHERE r.id = %s", (result_id,)).fetchone()


def results_for_mrn(mrn):
    with pool.connection() as conn:
        return conn.execute(_RESULT_SQL + " WHERE p.mrn = %s ORDER BY r.collected_at DESC", (mrn,)).fetchall()


def results_since(since):
    with pool.connection() as conn:
        return conn.execute(_RESULT_SQL + " WHERE r.created_at >= %s", (since,)).fetchall()


def mark_released(result_id, clinician_id):
    with pool.connection() as conn:
        return conn.execute(
            "UPDATE lab_results SET released_at = %s, released_by = %s WHERE id = %s RETURNING id",
            (datetime.now(timezone.utc), clinician_id, result_id),
        ).fetchone()


def verify_clinician(email, password):
    with pool.connection() as conn:
        row = conn.execute(
            "SELECT id, display_name FROM clinicians WHERE email = %s AND password_hash = crypt(%s, password_hash)",
            (email, password),
        ).fetchone()
    return row


def write_audit(actor, action, patient_ref, outcome):
    with pool.connection() as conn:
        conn.execute(
            "INSERT INTO audit_log (actor, action, patient_ref, outcome, at) VALUES (%s, %s, %s, %s, now())",
            (actor, action, patient_ref, outcome),
        )
