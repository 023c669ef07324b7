"""Tumor-board packets: a case summary assembled before the weekly multidisciplinary board."""
import datetime as dt
import json
import os
import tempfile

import boto3
from openai import AsyncOpenAI

from .. import settings
from ..observability import log_event

s3 = boto3.client("s3")
llm = AsyncOpenAI()

PACKET_DIR = os.path.join(tempfile.gettempdir(), "tumor-board")


def build_packet(patient, regimens, reports) -> dict:
    return {
        "patient": {
            "name": patient.full_name,
            "mrn": patient.mrn,
            "dob": patient.birth_date,
            "diagnosis": patient.primary_diagnosis,
        },
        "regimens": [
            {"protocol": r.protocol, "cycles": r.cycle_count, "start": r.start_date.isoformat(), "status": r.status}
            for r in regimens
        ],
        "pathology": [{"accession": p.accession, "staging": p.staging, "text": p.report_text} for p in reports],
        "generated_at": dt.datetime.now(dt.timezone.utc).isoformat(),
    }


def spool(packet: dict, case_id: str) -> str:
    os.makedirs(PACKET_DIR, exist_ok=True)
    path = os.path.join(PACKET_DIR, f"{case_id}.json")
    with open(path, "w") as fh:
        json.dump(packet, fh, indent=2)  # LEAK(storage): full case packet written in cleartext to the temp dir
    return path


def publish(packet: dict, case_id: str) -> str:
    key = f"board/{dt.date.today():%Y-%m-%d}/{case_id}.json"
    s3.put_object(  # SAFE(storage): packet stored with SSE-KMS under the PHI key
        Bucket=settings.PACKET_BUCKET,
        Key=key,
        Body=json.dumps(packet).encode(),
        ServerSideEncryption="aws:kms",
        SSEKMSKeyId="alias/nci-phi",
    )
    return key


async def draft_summary(packet: dict) -> str:
    completion = await llm.chat.completions.create(  # LEAK(exposure): whole case packet with name, MRN and pathology text sent to OpenAI
        model=settings.OPENAI_MODEL,
        messages=[
            {"role": "system", "content": "Summarise this oncology case for a tumor board in 5 bullet points."},
            {"role": "user", "content": json.dumps(packet)},
        ],
    )
    summary = completion.choices[0].message.content
    log_event("packet.summary_drafted", case=packet["patient"]["mrn"], chars=len(summary))  # LEAK(logging): MRN in the structured log event
    return summary
