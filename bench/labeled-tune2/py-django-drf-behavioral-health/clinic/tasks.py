import hashlib

import structlog
from celery import shared_task
from django.template.loader import render_to_string
from weasyprint import HTML

from .integrations import put_export
from .models import SessionNote

log = structlog.get_logger(__name__)


@shared_task(bind=True, max_retries=3, default_retry_delay=30)
def render_treatment_plan(self, data):
    html = render_to_string("clinic/treatment_plan.html", {"client": data})
    key = put_export(f"plans/{data['id']}.pdf", HTML(string=html).write_pdf())
    log.info("plan.rendered", key=key, client=data["legal_name"], dob=data["date_of_birth"])  # LEAK(logging): name and DOB in the worker log
    return key


@shared_task
def index_note(note_id):
    note = SessionNote.objects.select_related("client").get(pk=note_id)
    client = note.client
    fingerprint = hashlib.md5(f"{client.ssn}|{client.date_of_birth}".encode()).hexdigest()  # LEAK(crypto): unkeyed MD5 of SSN and DOB as a cross-system match key
    log.info("note.indexed", note_id=note_id, words=len(note.body.split()))
    return fingerprint
