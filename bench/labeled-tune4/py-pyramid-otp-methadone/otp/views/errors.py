import logging

from pyramid.httpexceptions import HTTPException
from pyramid.view import exception_view_config

log = logging.getLogger("otp.errors")


class ChartConflict(Exception):
    pass


@exception_view_config(ChartConflict, renderer="json")
def chart_conflict(exc, request):
    request.response.status = 409
    return {"error": "conflict", "detail": str(exc)}  # LEAK(exposure): conflict text names the other enrollee and DOB


@exception_view_config(HTTPException, renderer="json")
def http_error(exc, request):
    request.response.status = exc.status
    return {"error": exc.title}


@exception_view_config(Exception, renderer="json")
def unhandled(exc, request):
    log.exception("unhandled error route=%s", getattr(request.matched_route, "name", "-"))  # SAFE(logging): route name; exception types here carry ids only
    request.response.status = 500
    return {"error": "internal", "ref": request.environ.get("HTTP_X_REQUEST_ID")}  # SAFE(exposure): generic error with request id
