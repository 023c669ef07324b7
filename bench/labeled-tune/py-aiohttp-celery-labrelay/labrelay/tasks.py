import csv
import datetime
import ftplib
import io
import os

import hl7
import redis
import sentry_sdk
import structlog
from celery import Celery

from labrelay import audit, fhir, store
from labrelay.notify import sms_patient, track
from labrelay.settings import CONFIG, REDIS_URL, configure

configure()
app = Celery("labrelay")
app.config_from_object("config.celeryconfig")
log = structlog.get_logger("labrelay.tasks")
cache = redis.Redis.from_url(REDIS_URL, decode_responses=True)

# HIM-4471: charts merged in the old EHR; Quanta still sends the retired MRN on standing orders
CHART_MERGES = {"00418876": "00922154", "00377015": "00561208"}  # LEAK(hardcoded): real-format patient MRNs in source

REPORTABLE_LOINC = {"94500-6", "5195-3", "20507-0", "11259-9"}
EXPORT_FIELDS = ["mrn", "patient_name", "dob", "test_code", "test_name", "collected_at", "observations"]


def parse_oru(raw):
    msg = hl7.parse(raw.replace("\n", "\r"))
    pid, obr = msg.segment("PID"), msg.segment("OBR")
    mrn = str(pid[3][0][0])
    return {
        "raw": raw,
        "mrn": CHART_MERGES.get(mrn, mrn),
        "patient_name": f"{pid[5][0][1]} {pid[5][0][0]}",
        "dob": str(pid[7]),
        "accession": str(obr[3]),
        "test_code": str(obr[4][0][0]),
        "test_name": str(obr[4][0][1]),
        "collected_at": str(obr[7]),
        "observations": [
            {"code": str(o[3][0][0]), "name": str(o[3][0][1]), "value": str(o[5]), "units": str(o[6]), "flag": str(o[8])}
            for o in msg.segments("OBX")
        ],
    }


@app.task(bind=True, max_retries=5, default_retry_delay=30)
def process_result(self, raw_hl7):
    result = parse_oru(raw_hl7)
    log.info("parsed ORU", accession=result["accession"], observations=len(result["observations"]))  # SAFE(logging): accession and a count
    patient = store.find_patient(result["mrn"], result["dob"])
    if patient is None:
        log.warning("no chart match", mrn=result["mrn"], name=result["patient_name"], dob=result["dob"])  # LEAK(logging): MRN, name, DOB
        cache.hset(f"unmatched:{result['accession']}", mapping={k: result[k] for k in ("mrn", "patient_name", "dob", "test_name")})  # LEAK(storage): identifiers parked in redis unencrypted
        return None
    result_id = store.insert_result(patient["id"], result)
    audit.record("system:lab-relay", "result.ingest", patient_ref=patient["external_id"])
    notify_patient.delay(result_id)  # SAFE(storage): only the surrogate id goes on the queue
    push_to_ehr.delay(result_id)
    return result_id


@app.task(bind=True, max_retries=3, default_retry_delay=120)
def push_to_ehr(self, result_id):
    row = store.get_result(result_id)
    try:
        fhir.post_observations(row)
    except (fhir.FhirError, OSError) as exc:
        sentry_sdk.set_extra("result", row)  # LEAK(logging): full result row attached to Sentry
        log.error(f"EHR push failed for {row['patient_name']} ({row['mrn']}): {exc}")  # LEAK(logging): name and MRN in log line
        raise self.retry(exc=exc)
    audit.record("system:lab-relay", "result.push_ehr", patient_ref=row["patient_ref"])


@app.task
def notify_patient(result_id):  # LEAK(audit): discloses a result to the patient without the audit.record its sibling tasks make
    row = store.get_result(result_id)
    if not row or not row.get("phone") or row.get("released_at") is None:
        return
    flagged = [o["name"] for o in row["observations"] if o.get("flag") not in ("", "N")]
    summary = "some values need follow-up" if flagged else "all values in range"
    sms_patient(row["phone"], f"Hi {row['first_name']}, your {row['test_name']} result is ready: {summary}. Reply STOP to opt out.")  # LEAK(exposure): test name and result summary in SMS body
    track(row["mrn"], "Result Notified", {"test": row["test_name"], "abnormal": bool(flagged)})  # LEAK(exposure): MRN and test sent to Segment


@app.task
def nightly_export():
    since = datetime.datetime.utcnow() - datetime.timedelta(days=1)
    rows = store.results_since(since)
    path = os.path.join(CONFIG["export"]["directory"], f"results-{since:%Y%m%d}.csv")
    with open(path, "w", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=EXPORT_FIELDS, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)  # LEAK(storage): plaintext CSV of results with identifiers
    reportable = [r for r in rows if r["test_code"] in REPORTABLE_LOINC]
    if reportable:
        upload_to_state(reportable)
    audit.record("system:lab-relay", "result.export", outcome=f"{len(rows)} rows")
    log.info("nightly export written", rows=len(rows), reportable=len(reportable))  # SAFE(logging): counts only


def upload_to_state(rows):
    cfg = CONFIG["state_registry"]
    buf = io.BytesIO("\n".join(r["raw_hl7"] for r in rows).encode())
    ftp = ftplib.FTP(cfg["host"], timeout=30)  # LEAK(transmission): reportable-disease HL7 sent over plain FTP
    ftp.login(cfg["user"], os.environ["ELR_FTP_PASSWORD"])
    ftp.cwd(cfg["directory"])
    ftp.storbinary(f"STOR elr-{datetime.date.today():%Y%m%d}.hl7", buf)
    ftp.quit()
