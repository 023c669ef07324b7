"""Thin wrappers around the cache, chat hooks and S3 used by the clinical views and tasks."""
import uuid

import boto3
import httpx
from django.conf import settings
from django.core.cache import cache

PREFIX = "bh:v2:"
_s3 = boto3.client("s3")


def cache_get(key):
    return cache.get(PREFIX + key)


def cache_put(key, value, ttl=3600):
    cache.set(PREFIX + key, value, ttl)


def notify(channel, text):
    """Post a message to the team's chat channel."""
    hook = settings.NOTIFY_HOOKS[channel]
    httpx.post(hook, json={"text": text}, timeout=5.0)


def put_document(client_pk, body, content_type):
    key = f"intake/{client_pk}/{uuid.uuid4()}"
    _s3.put_object(Bucket=settings.INTAKE_BUCKET, Key=key, Body=body, ContentType=content_type, ServerSideEncryption="aws:kms", SSEKMSKeyId=settings.INTAKE_KMS_KEY)  # SAFE(storage): KMS server-side encryption
    return key


def put_export(key, body):
    _s3.put_object(Bucket=settings.EXPORT_BUCKET, Key=key, Body=body, ContentType="application/pdf")  # LEAK(storage): treatment-plan exports written without server-side encryption
    return key


def signed_link(key):
    return _s3.generate_presigned_url("get_object", Params={"Bucket": settings.EXPORT_BUCKET, "Key": key}, ExpiresIn=300)  # SAFE(session): five-minute signed link, not a session
