"""Consumes payer determinations: updates status, alerts the ordering clinician."""
import json
import os

import boto3
from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord

from common.observability import logger, tracer
from common.store import RequestRepository

processor = BatchProcessor(event_type=EventType.SQS)
repo = RequestRepository()
sns = boto3.client("sns")


@tracer.capture_method(capture_response=False)
def record_handler(record: SQSRecord):  # LEAK(audit): changes request status and notifies on PHI without write_audit, unlike the poller and API routes
    payload = json.loads(record.body)
    try:
        repo.set_status(payload["request_id"], payload["decision"])
        sns.publish(
            TopicArn=os.environ["ALERT_TOPIC_ARN"],
            Subject="Prior auth decision",
            Message=f"Request {payload['request_id']}: {payload['decision']}",
        )
    except Exception:
        logger.exception("determination failed", extra={"message": payload})  # LEAK(logging): whole determination (subject and diagnoses) logged on failure
        raise


@logger.inject_lambda_context
def lambda_handler(event, context):
    return process_partial_response(event=event, record_handler=record_handler, processor=processor, context=context)
