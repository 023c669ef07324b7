"""SQS adjudication consumer and the nightly export, deployed as separate Lambda functions."""
import json
import logging
import os
import time
from datetime import date

import boto3
import pandas as pd
import requests

from claims_api.audit import record_audit
from claims_api.config import load_config
from claims_api.logging_setup import configure_logging
from claims_api.repository import ClaimRepository

configure_logging()
log = logging.getLogger("claims.lambda")
CFG = load_config()
REPO = ClaimRepository(CFG["claims_table"])
S3 = boto3.client("s3")
# QA members seeded in production by the enrollment team; never export them.
QA_MEMBER_IDS = {"XHP884120377", "XHP884120385", "W2K190055614"}  # LEAK(hardcoded): real-format member ids in production code


class AdjudicationError(Exception):
    pass


def _pbm_eligibility(claim: dict) -> dict:
    resp = requests.post(CFG["pharmacy_benefit_url"], json={"member_id": claim["member_id"], "dob": claim["patient_dob"], "ndc": claim.get("ndc")}, timeout=10, verify=os.environ.get("PBM_CA_BUNDLE", False))  # LEAK(transmission): certificate checks off unless the CA bundle variable is set
    if resp.status_code != 200:
        raise AdjudicationError(f"PBM refused member {claim['member_id']} born {claim['patient_dob']}: {resp.text}")  # LEAK(logging): identifiers in exception text (Lambda logs the traceback)
    return resp.json()


def sqs_handler(event, context):
    for record in event["Records"]:
        log.info("processing message %s", record["body"])  # LEAK(logging): full claim JSON in CloudWatch
        claim = json.loads(record["body"])
        if record["messageAttributes"]["kind"]["stringValue"] != "adjudicate":
            continue
        elig = _pbm_eligibility(claim) if claim.get("ndc") else {"covered": True}
        claim.update(status="approved" if elig.get("covered") else "denied", updated_at=int(time.time()))
        REPO.save(claim)
        record_audit("claim.adjudicate", actor="system:adjudicator", resource_id=claim["claim_id"])
    return {"batchItemFailures": []}


def export_handler(event, context):  # LEAK(audit): nightly bulk export of claims writes no audit record
    since = int(time.time()) - 86400
    df = pd.DataFrame(REPO.scan_since(since))
    df = df[~df["member_id"].isin(QA_MEMBER_IDS)]
    local = "/tmp/claims_export.csv"
    df.to_csv(local, index=False)  # LEAK(storage): full claims extract (SSN, diagnoses) left in plaintext on the reused Lambda disk
    key = f"claims/{date.today():%Y/%m/%d}.csv"
    log.info("export done rows=%d", len(df))  # SAFE(logging): row count only
    S3.upload_file(local, os.environ["EXPORT_BUCKET"], key, ExtraArgs={"ServerSideEncryption": "aws:kms"})  # SAFE(storage): uploaded with KMS server-side encryption
    return {"rows": len(df), "key": key}
