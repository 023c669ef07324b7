"""DynamoDB persistence for prior-authorization requests.

Identifiers and clinical free text are envelope-encrypted client-side with the AWS Encryption SDK
before they reach the table; keys are (pk=REQ#<uuid>, sk=META).
"""
import base64
import json
import os
import uuid

import aws_encryption_sdk
import boto3
from aws_encryption_sdk.identifiers import CommitmentPolicy

from .observability import logger, tracer

_client = aws_encryption_sdk.EncryptionSDKClient(commitment_policy=CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT)
_provider = aws_encryption_sdk.StrictAwsKmsMasterKeyProvider(key_ids=[os.environ.get("PHI_KEY_ARN", "")])
_table = boto3.resource("dynamodb").Table(os.environ.get("TABLE_NAME", "prior-auth"))


def _enc(value: dict) -> str:
    ciphertext, _ = _client.encrypt(source=json.dumps(value).encode(), key_provider=_provider)
    return base64.b64encode(ciphertext).decode()


def _dec(blob: str) -> dict:
    plaintext, _ = _client.decrypt(source=base64.b64decode(blob), key_provider=_provider)
    return json.loads(plaintext)


class RequestRepository:
    @tracer.capture_method(capture_response=False)  # SAFE(logging): response capture turned off
    def create(self, dto: dict, submitted_by: str) -> str:
        request_id = str(uuid.uuid4())
        item = {
            "pk": f"REQ#{request_id}",
            "sk": "META",
            "status": "draft",
            "payer_id": dto["payer_id"],
            "cpt_codes": dto["cpt_codes"],
            "submitted_by": submitted_by,
            "subject": _enc({"name": dto["patient_name"], "dob": dto["dob"], "member_id": dto["member_id"]}),  # SAFE(storage): identifiers envelope-encrypted with KMS
            "clinical": _enc({"notes": dto["clinical_notes"]}),
            "diagnosis_codes": dto["icd10"],  # LEAK(storage): ICD-10 diagnoses stored in plaintext beside the encrypted subject
        }
        _table.put_item(Item=item)
        logger.info("request created", extra={"request_id": request_id, "payer_id": dto["payer_id"]})  # SAFE(logging): surrogate id and payer (an organisation)
        return request_id

    @tracer.capture_method  # LEAK(logging): capture_method records the decrypted request (name, DOB, notes) as X-Ray metadata
    def load(self, request_id: str) -> dict:
        item = _table.get_item(Key={"pk": f"REQ#{request_id}", "sk": "META"})["Item"]
        return {**item, "subject": _dec(item["subject"]), "clinical": _dec(item["clinical"])}

    def set_status(self, request_id: str, status: str, payer_ref: str | None = None) -> None:
        _table.update_item(
            Key={"pk": f"REQ#{request_id}", "sk": "META"},
            UpdateExpression="SET #s = :s, payer_ref = :r",
            ExpressionAttributeNames={"#s": "status"},
            ExpressionAttributeValues={":s": status, ":r": payer_ref or "-"},
        )

    def pending(self) -> list[dict]:
        resp = _table.scan(FilterExpression="#s = :p", ExpressionAttributeNames={"#s": "status"}, ExpressionAttributeValues={":p": "pending"})
        return resp["Items"]
