import hashlib
import hmac

import structlog
from django.conf import settings
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView
from rest_framework.viewsets import ViewSet

from . import tasks
from .audit import audited
from .clearinghouse import ClearinghouseClient, EligibilityError
from .integrations import cache_get, cache_put, notify, put_document
from .models import Client, SessionNote
from .serializers import ClientSerializer, SessionNoteSerializer

log = structlog.get_logger(__name__)


def lookup_key(mrn: str) -> str:
    return hmac.new(settings.PSEUDONYM_KEY, mrn.strip().upper().encode(), hashlib.sha256).hexdigest()  # SAFE(crypto): keyed HMAC, not a bare digest


class ClientViewSet(ViewSet):
    @audited("client.read")
    def retrieve(self, request, pk=None):  # SAFE(audit): wrapped by the audit decorator
        data = cache_get(f"client:{pk}")
        if data is None:
            client = Client.objects.select_related("clinician").get(pk=pk)
            data = ClientSerializer(client).data
            cache_put(f"client:{pk}", data)  # LEAK(storage): full client record (name, DOB, member id) cached in redis
        log.info("client.retrieve", client_id=pk)  # SAFE(logging): surrogate id only
        return Response(data)

    @audited("client.search")
    def list(self, request):
        mrn = request.query_params.get("mrn", "")  # LEAK(exposure): MRN travels in the query string
        log.info("client.search", mrn=mrn, user=request.user.username)  # LEAK(logging): MRN in the search log line
        try:
            client = Client.objects.get(mrn_lookup=lookup_key(mrn))
        except Client.DoesNotExist:
            return Response({"detail": f"No client found with MRN {mrn}"}, status=404)  # LEAK(exposure): identifier echoed in the error body
        return Response([ClientSerializer(client).data])

    @audited("client.update")
    def partial_update(self, request, pk=None):
        client = Client.objects.get(pk=pk)
        serializer = ClientSerializer(client, data=request.data, partial=True)
        if not serializer.is_valid():
            log.warning("client.update.invalid", errors=serializer.errors, payload=request.data)  # LEAK(logging): raw demographics logged on validation failure
            return Response(serializer.errors, status=400)
        serializer.save()
        return Response(serializer.data)

    @action(detail=True, methods=["post"], url_path="crisis-flag")
    def crisis_flag(self, request, pk=None):  # LEAK(audit): creates a high-risk note with no audit event
        client = Client.objects.get(pk=pk)
        summary = request.data["summary"]
        note = SessionNote.objects.create(client=client, author=request.user, body=summary, risk_level="high")
        notify("crisis", f"High-risk flag: {client.legal_name} ({client.phone}). {summary}")  # LEAK(exposure): name, phone and crisis summary posted to Slack
        request.session["last_crisis"] = {"client": client.legal_name, "summary": summary}  # LEAK(storage): signed-cookie session is readable in the browser
        return Response({"note_id": note.pk}, status=201)

    @action(detail=True, methods=["post"], url_path="treatment-plan")
    def treatment_plan(self, request, pk=None):  # LEAK(audit): plan export bypasses the audit decorator
        client = Client.objects.get(pk=pk)
        payload = ClientSerializer(client).data
        payload["goals"] = request.data.get("goals", [])
        tasks.render_treatment_plan.delay(payload)  # LEAK(storage): whole client record serialised into the broker message
        return Response({"status": "queued"}, status=202)


class SessionNoteView(APIView):
    @audited("note.create", object_type="session_note")
    def post(self, request, client_pk):
        serializer = SessionNoteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        note = serializer.save(client_id=client_pk, author=request.user)
        tasks.index_note.delay(note.pk)  # SAFE(storage): only the surrogate id goes through the broker
        return Response({"id": note.pk}, status=201)


class IntakeUploadView(APIView):
    @audited("intake.upload", object_type="document")
    def post(self, request, client_pk):
        upload = request.FILES["file"]
        key = put_document(client_pk, upload.read(), upload.content_type)
        notify("ops", f"Intake packet stored for client #{client_pk}")  # SAFE(exposure): surrogate id only
        return Response({"key": key}, status=201)


class EligibilityView(APIView):
    @audited("eligibility.check")
    def post(self, request, client_pk):
        client = Client.objects.get(pk=client_pk)
        structlog.contextvars.bind_contextvars(member_id=client.member_id)  # LEAK(logging): member id bound to every later log line of the request
        surname = client.legal_name.split()[-1]
        try:
            result = ClearinghouseClient().eligibility(client.member_id, client.date_of_birth.isoformat(), surname)
        except EligibilityError as exc:
            log.warning("eligibility.failed", client_id=client.pk)  # SAFE(logging): surrogate id only
            return Response({"detail": str(exc)}, status=502)  # LEAK(exposure): exception text with member id, name and DOB in the error body
        return Response({"active": result.get("active"), "plan": result.get("plan_name")})
