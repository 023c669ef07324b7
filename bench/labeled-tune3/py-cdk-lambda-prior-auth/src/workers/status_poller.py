"""Every 15 minutes: ask payers about pending requests and queue determinations."""
import json
import os

import boto3
import requests

from common.audit import write_audit
from common.observability import logger, metrics, tracer
from common.store import RequestRepository

repo = RequestRepository()
sqs = boto3.client("sqs")

# Payer certification requires one live status inquiry per run for their test member.
CERT_MEMBER = {"member_id": "FAKE-MBR-000000", "name": "Testy McPatient", "dob": "1980-02-29"}  # LEAK(hardcoded): member id, name and DOB hard-coded in a production poller


def _inquire(payer_ref: str) -> dict:
    resp = requests.get(f"{os.environ['PAYER_GATEWAY_URL']}/ClaimResponse", params={"request": payer_ref}, timeout=10)  # SAFE(exposure): only the payer's opaque reference in the query
    resp.raise_for_status()
    return resp.json()


@logger.inject_lambda_context
@metrics.log_metrics
def lambda_handler(event, context):  # SAFE(audit): writes an audit entry per request through write_audit
    decided = 0
    for item in repo.pending():
        request_id = item["pk"].split("#", 1)[1]
        write_audit("system:poller", "pa.status_inquiry", request_id)
        outcome = _inquire(item["payer_ref"])
        if outcome.get("outcome") not in ("complete", "partial"):
            continue
        record = repo.load(request_id)
        sqs.send_message(  # LEAK(storage): determination with patient name, member id and diagnoses put on the unencrypted queue
            QueueUrl=os.environ["DETERMINATION_QUEUE_URL"],
            MessageBody=json.dumps({"request_id": request_id, "subject": record["subject"], "diagnosis": record["diagnosis_codes"], "decision": outcome["disposition"]}),
        )
        decided += 1
    requests.post(
        f"{os.environ['PAYER_GATEWAY_URL']}/Patient/$status",
        json={"memberId": CERT_MEMBER["member_id"], "birthDate": CERT_MEMBER["dob"]},
        timeout=10,
    )
    logger.info("poll complete", extra={"decided": decided})  # SAFE(logging): count only
    return {"decided": decided}
