import asyncpg
import jwt
import redis.asyncio as aioredis
import sentry_sdk
from sanic import Sanic
from sanic.response import json
from sentry_sdk.integrations.sanic import SanicIntegration

from . import settings
from .routes import public_bp, results_bp, uploads_bp

sentry_sdk.init(dsn=settings.SENTRY_DSN, integrations=[SanicIntegration()], traces_sample_rate=0.2, send_default_pii=True)  # LEAK(logging): send_default_pii attaches request bodies, client IPs and users of lab uploads to Sentry events

app = Sanic("labs")
app.config.REQUEST_MAX_SIZE = settings.MAX_UPLOAD_BYTES
app.config.ON_CALL_EMAIL = "oncall-lab@labs.example-clinic.org"
app.blueprint(results_bp)
app.blueprint(uploads_bp)
app.blueprint(public_bp)


@app.before_server_start
async def setup(app, _loop):
    app.ctx.db = await asyncpg.create_pool(settings.DATABASE_URL, min_size=2, max_size=10)
    app.ctx.redis = aioredis.from_url(settings.REDIS_URL)


@app.on_request
async def authenticate(request):
    if request.path.startswith("/p/"):
        return None
    token = request.headers.get("authorization", "").removeprefix("Bearer ")
    try:
        claims = jwt.decode(token, settings.JWT_SECRET, algorithms=["HS256"], options={"verify_exp": False})  # LEAK(session): staff bearer tokens are decoded with expiry checking switched off, so they never time out
    except jwt.InvalidTokenError:
        return json({"error": "unauthorized"}, status=401)
    request.ctx.user_id = claims["sub"]
    return None


@app.after_server_stop
async def teardown(app, _loop):
    await app.ctx.db.close()
    await app.ctx.redis.aclose()


@app.exception(Exception)
async def on_error(request, exc):
    sentry_sdk.capture_exception(exc)
    return json({"error": str(exc)}, status=getattr(exc, "status_code", 500))  # LEAK(exposure): raw exception message returned to the client (ingest errors embed MRN and result values)
