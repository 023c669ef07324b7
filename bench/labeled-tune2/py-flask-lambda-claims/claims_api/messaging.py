import json

import boto3
from flask import current_app

_sqs = boto3.client("sqs")


def publish(kind: str, body: dict) -> str:
    url = current_app.config["CB"]["adjudication_queue_url"]
    resp = _sqs.send_message(QueueUrl=url, MessageBody=json.dumps(body, default=str), MessageAttributes={"kind": {"DataType": "String", "StringValue": kind}})
    return resp["MessageId"]
