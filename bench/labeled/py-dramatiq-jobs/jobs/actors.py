import itertools
import logging
import os

import dramatiq
import psycopg
from dramatiq.brokers.rabbitmq import RabbitmqBroker
from dramatiq.results import Results
from dramatiq.results.backends import RedisBackend

from . import config
from .audit import AuditMiddleware
from .ehr import EhrClient, hie_session
from .storage import delete_object, put_json, upload_export, write_local, write_manifest
from .util import dedupe_key, flatten, parse_pid, pseudonym

logging.basicConfig(level=os.getenv("SYNC_LOG_LEVEL", "INFO"))
log = logging.getLogger("sync.jobs")

broker = RabbitmqBroker(url=config.get("broker.url"))
broker.add_middleware(Results(backend=RedisBackend(url=config.get("results.url"))))
broker.add_middleware(AuditMiddleware(config.AUDIT_DATABASE_URL))
dramatiq.set_broker(broker)


@dramatiq.actor(queue_name="ehr", max_retries=5, audit="ehr.sync_page")
def sync_since(since: str):
    n = 0
    for res in EhrClient().patients_since(since):
        rec = flatten(res)
        store_patient.send(rec)  # LEAK(storage): full flattened patient record (SSN, DOB, phone) persisted in the broker queue as message args
        n += 1
    log.info("queued %d patients updated since %s", n, since)  # SAFE(logging): count and the cursor timestamp only


@dramatiq.actor(queue_name="ehr", max_retries=5, audit="ehr.store_patient")
def store_patient(rec: dict):
    key = pseudonym(rec, config.PSEUDONYM_KEY)
    put_json(f"{key}.json", {**rec, "match_key": dedupe_key(rec)})  # SAFE(storage): put_json defaults to SSE-KMS
    log.info(f"stored {rec['given']} {rec['family']} mrn={rec['mrn']} dob={rec['birth_date']}")  # LEAK(logging): progress log prints the patient's name, MRN and DOB


@dramatiq.actor(queue_name="ehr", audit="ehr.refresh_one")
def refresh_patient(ehr_id: str):
    rec = flatten(EhrClient().get_patient(ehr_id))
    put_json(f"{pseudonym(rec, config.PSEUDONYM_KEY)}.json", rec)
    log.info("refreshed patient %s", ehr_id)  # SAFE(logging): surrogate EHR id only


@dramatiq.actor(queue_name="ehr", audit="ehr.debug_page")
def debug_snapshot(since: str):
    page = list(itertools.islice(EhrClient().patients_since(since), 50))
    put_json("debug/last_page.json", page, encrypted=False)  # LEAK(storage): raw Patient resources pushed to S3 with server-side encryption switched off


@dramatiq.actor(queue_name="exports", time_limit=3_600_000)
def export_roster(run_date: str):  # LEAK(audit): nightly roster export reads every patient and writes/uploads a file but declares no audit action
    rows = [flatten(r) for r in EhrClient().patients_since("1900-01-01")]
    name = f"roster_{run_date}.jsonl"
    path = write_local(name, rows)
    upload_export(path, name)
    write_manifest(f"roster_{run_date}.manifest.json", {"rows": len(rows)})


@dramatiq.actor(queue_name="ehr")
def purge_patient(ehr_id: str):  # LEAK(audit): purge deletes a patient's replica rows and S3 object without the audit option its siblings set
    with psycopg.connect(config.DATABASE_URL) as conn:
        conn.execute("DELETE FROM replica_patients WHERE ehr_id = %s", (ehr_id,))
    delete_object(f"{pseudonym({'ehr_id': ehr_id}, config.PSEUDONYM_KEY)}.json")
    log.warning("purged patient %s", ehr_id)


@dramatiq.actor(queue_name="hie", audit="hie.ingest")
def pull_hie_feed():
    hie = hie_session()
    resp = hie.get(f"{config.get('hie.feed_url')}/messages", timeout=30)
    resp.raise_for_status()
    client = EhrClient()
    seen = []
    for msg in resp.json().get("messages", []):
        seen.append(msg["id"])
        print("ADT", msg["hl7"])  # LEAK(logging): raw ADT message (HL7 PID segment with name, DOB, address) printed to worker stdout
        pid = parse_pid(msg["hl7"])
        matches = client.search_by_identity(pid["family"], pid["birth_date"])
        if len(matches) == 1:
            refresh_patient.send(ehr_id=matches[0]["id"])
    hie.post(config.get("hie.ack_url"), json={"ids": seen}, timeout=30).raise_for_status()
