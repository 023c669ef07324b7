"""Access auditing for clinical views (164.312(b)). Every view method that touches client data is wrapped."""
import functools

from .models import AuditEvent


def audited(action, object_type="client"):
    def decorator(view_method):
        @functools.wraps(view_method)
        def wrapper(self, request, *args, **kwargs):
            response = view_method(self, request, *args, **kwargs)
            AuditEvent.objects.create(
                actor=request.user if request.user.is_authenticated else None,
                action=action,
                object_type=object_type,
                object_id=str(kwargs.get("pk") or kwargs.get("client_pk") or ""),
                status_code=response.status_code,
                ip=request.META.get("REMOTE_ADDR"),
            )
            return response

        return wrapper

    return decorator
