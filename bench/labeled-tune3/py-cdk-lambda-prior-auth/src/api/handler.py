import base64
import json
import os

import boto3
from aws_lambda_powertools.event_handler import APIGatewayRestResolver, Response, content_types
from aws_lambda_powertools.event_handler.exceptions import NotFoundError
from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.metrics import MetricUnit

from common.audit import audit_trail
from common.observability import logger, metrics, tracer
from common.payer_client import PayerError, check_eligibility, fax_packet, submission_key, submit_pas_bundle, track
from common.store import RequestRepository

app = APIGatewayRestResolver()
repo = RequestRepository()
s3 = boto3.client("s3")
sns = boto3.client("sns")


def _caller() -> str:
    return app.current_event.request_context.authorizer.get("sub", "unknown")


@app.post("/requests")
@audit_trail("pa.create")
def create_request():
    dto = app.current_event.json_body
    logger.append_keys(member_id=dto["member_id"], patient=dto["patient_name"])  # LEAK(logging): member id and patient name appended to every later log line
    coverage = check_eligibility(dto["member_id"], dto["dob"], dto["payer_id"])
    if not coverage.get("active"):
        return Response(status_code=422, content_type=content_types.APPLICATION_JSON, body=json.dumps({"error": "coverage inactive"}))
    request_id = repo.create(dto, submitted_by=_caller())
    logger.append_keys(request_id=request_id)  # SAFE(logging): surrogate id only
    metrics.add_metric(name="RequestsCreated", unit=MetricUnit.Count, value=1)
    metrics.add_dimension(name="payer", value=dto["payer_id"])  # SAFE(logging): payer organisation id as a metric dimension
    track("pa_created", _caller(), {"payer": dto["payer_id"], "cpt": dto["cpt_codes"], "icd10": dto["icd10"]})  # LEAK(exposure): procedure and diagnosis codes for a request sent to Amplitude
    return {"id": request_id}


@app.get("/requests/<request_id>")
@audit_trail("pa.read")
def get_request(request_id: str):
    return repo.load(request_id)


@app.post("/requests/<request_id>/submit")
@audit_trail("pa.submit")
def submit(request_id: str):
    record = repo.load(request_id)
    subject = record["subject"]
    bundle = {
        "resourceType": "Bundle",
        "type": "collection",
        "entry": [
            {"resource": {"resourceType": "Patient", "name": [{"text": subject["name"]}], "birthDate": subject["dob"]}},
            {"resource": {"resourceType": "Coverage", "subscriberId": subject["member_id"], "payor": [{"reference": f"Organization/{record['payer_id']}"}]}},
            {"resource": {"resourceType": "Claim", "use": "preauthorization", "diagnosis": record["diagnosis_codes"], "item": record["cpt_codes"]}},
        ],
    }
    key = submission_key(subject["member_id"], record["cpt_codes"][0], app.current_event.json_body["date_of_service"])
    outcome = submit_pas_bundle(bundle, key)
    repo.set_status(request_id, "pending", outcome.get("id"))
    sns.publish(  # LEAK(storage): patient name and CPT published to the SNS topic that has no encryption key
        TopicArn=os.environ["ALERT_TOPIC_ARN"],
        Subject="PA submitted",
        Message=f"{subject['name']} ({record['cpt_codes'][0]}) submitted to {record['payer_id']}",
    )
    return {"status": "pending"}


@app.post("/requests/<request_id>/fax")
def fax_fallback(request_id: str):  # LEAK(audit): faxes the whole clinical packet without @audit_trail
    record = repo.load(request_id)
    pdf = base64.b64decode(app.current_event.json_body["pdf_base64"])
    fax_id = fax_packet(app.current_event.json_body["fax_to"], pdf, f"PA request for {record['subject']['name']}")
    return {"fax_id": fax_id}


@app.get("/requests/<request_id>/letter")
@audit_trail("pa.letter")
def determination_letter(request_id: str):
    url = s3.generate_presigned_url(
        "get_object",
        Params={"Bucket": os.environ["ATTACHMENT_BUCKET"], "Key": f"letters/{request_id}.pdf"},
        ExpiresIn=300,
    )
    return {"url": url}


@app.get("/worklist")
def worklist():  # LEAK(audit): lists pending requests (decrypted subjects) with no audit entry
    rows = [repo.load(r["pk"].split("#", 1)[1]) for r in repo.pending()]
    return [{"id": r["pk"], "name": r["subject"]["name"], "payer": r["payer_id"], "status": r["status"]} for r in rows]


@app.exception_handler(PayerError)
def payer_error(exc: PayerError):
    logger.warning("payer error", extra={"route": app.current_event.path})
    return Response(status_code=502, content_type=content_types.APPLICATION_JSON, body=json.dumps({"error": str(exc)}))  # LEAK(exposure): payer error text (patient and diagnosis) returned to the caller


@app.exception_handler(NotFoundError)
def not_found(exc: NotFoundError):
    return Response(status_code=404, content_type=content_types.APPLICATION_JSON, body=json.dumps({"error": "not found"}))


@logger.inject_lambda_context(correlation_id_path=correlation_paths.API_GATEWAY_REST, log_event=True)  # LEAK(logging): logs the whole API Gateway event, bodies with patient data included
@tracer.capture_lambda_handler(capture_response=False)
@metrics.log_metrics
def lambda_handler(event, context):
    return app.resolve(event, context)
