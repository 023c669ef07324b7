from functools import wraps


async def record_access(request, action, resource_id=None):
    actor = getattr(request.ctx, "user_id", None)
    route = request.route.name if request.route else "unmatched"
    await request.app.ctx.db.execute(
        "INSERT INTO audit_log (actor_id, action, route, resource_id, at) VALUES ($1, $2, $3, $4, now())",
        actor,
        action,
        route,
        str(resource_id) if resource_id is not None else None,
    )


def audited(action):
    def deco(handler):
        @wraps(handler)
        async def wrapper(request, *args, **kwargs):
            ref = kwargs.get("upload_id") or kwargs.get("patient_id")
            await record_access(request, action, ref)
            return await handler(request, *args, **kwargs)

        return wrapper

    return deco
