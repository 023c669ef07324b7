from pyramid.view import view_config

from otp.audit import log_access
from otp.models import Consent


@view_config(route_name="consents", renderer="json", request_method="GET", permission="chart.read", audit="consent.list")
def list_consents(request):
    rows = Consent.select().where(Consent.patient == int(request.matchdict["pid"]))
    return [{"id": c.id, "recipient": c.recipient, "purpose": c.purpose, "revoked": c.revoked} for c in rows]


@view_config(route_name="consent_revoke", renderer="json", request_method="POST", permission="chart.write")
def revoke_consent(request):  # SAFE(audit): audits through log_access directly instead of the deriver
    c = Consent.get_by_id(int(request.matchdict["id"]))
    c.revoked = True
    c.save()
    log_access(request.authenticated_userid, "consent.revoke", str(c.id), request.matched_route.name)
    return {"revoked": True}
