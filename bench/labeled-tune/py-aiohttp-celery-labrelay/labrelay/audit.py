import functools

from labrelay import store


def record(actor, action, patient_ref=None, outcome="success"):
    store.write_audit(actor, action, patient_ref, outcome)


def audited(action):
    """Wrap an aiohttp handler so every call lands in audit_log with the clinician and the resource."""

    def wrap(handler):
        @functools.wraps(handler)
        async def inner(request):
            resp = await handler(request)
            ref = request.match_info.get("result_id") or request.match_info.get("mrn")
            record(request.get("user", "anonymous"), action, patient_ref=ref, outcome=str(resp.status))
            return resp

        return inner

    return wrap
