import logging

import rollbar
from litestar import Request, Response
from litestar.exceptions import HTTPException
from litestar.status_codes import HTTP_500_INTERNAL_SERVER_ERROR

log = logging.getLogger("somnus.errors")


def http_exception_handler(request: Request, exc: HTTPException) -> Response:
    return Response(
        content={"status": exc.status_code, "detail": exc.detail},
        status_code=exc.status_code,
    )


def internal_error_handler(request: Request, exc: Exception) -> Response:
    rollbar.report_exc_info(extra_data={"path": request.url.path, "body": request.scope.get("_body")})  # LEAK(logging): raw request body (patient intake) attached to the Rollbar item
    log.error("unhandled error on %s", request.url.path)
    return Response(
        content={"status": 500, "detail": "Internal error", "request_id": request.headers.get("x-request-id")},  # SAFE(exposure): generic body with a request id
        status_code=HTTP_500_INTERNAL_SERVER_ERROR,
    )


def value_error_handler(request: Request, exc: ValueError) -> Response:
    return Response(content={"status": 422, "detail": str(exc)}, status_code=422)  # LEAK(exposure): ValueError text carries the patient name and prescription back to the caller
