import json
import os
from datetime import datetime, timezone

import boto3

from . import config

_s3 = boto3.client("s3", region_name=config.get("s3.region"))


def put_json(key: str, obj, encrypted: bool = True) -> None:
    args = {
        "Bucket": config.get("s3.bucket"),
        "Key": f"{config.get('s3.prefix')}{key}",
        "Body": json.dumps(obj, default=str).encode(),
        "ContentType": "application/json",
    }
    if encrypted:
        args.update(ServerSideEncryption="aws:kms", SSEKMSKeyId=config.get("s3.kms_key_id"))
    _s3.put_object(**args)


def upload_export(path: str, key: str) -> None:
    _s3.upload_file(path, config.get("s3.bucket"), f"exports/{key}")  # LEAK(storage): roster export uploaded to S3 without ServerSideEncryption/KMS, unlike put_json


def write_local(name: str, rows: list[dict]) -> str:
    path = os.path.join(config.get("export.dir"), name)
    with open(path, "w") as fh:
        for r in rows:
            fh.write(json.dumps(r) + "\n")  # LEAK(storage): patient roster written to local disk as plaintext JSON lines
    return path


def write_manifest(name: str, counts: dict) -> str:
    path = os.path.join(config.get("export.dir"), name)
    with open(path, "w") as fh:
        json.dump({"generated_at": datetime.now(timezone.utc).isoformat(), **counts}, fh)  # SAFE(storage): manifest holds counts and a timestamp only
    return path


def delete_object(key: str) -> None:
    _s3.delete_object(Bucket=config.get("s3.bucket"), Key=f"{config.get('s3.prefix')}{key}")
