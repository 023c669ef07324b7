import sys
from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI
from fastapi.security import OAuth2PasswordRequestForm
from loguru import logger

from .deps import issue_token
from .jobs import scheduler, start_scheduler
from .mqtt_ingest import start_ingest
from .routers import patients, readings

logger.remove()
logger.add("/var/log/rpm/app.log", rotation="50 MB", retention="30 days", serialize=True, level="DEBUG")  # LEAK(logging): file sink keeps loguru's default diagnose=True, so tracebacks dump local PHI
logger.configure(extra={"service": "pulsebridge-rpm"})
logger.level("AUDIT", no=25, color="<cyan>")
logger.add(sys.stderr, level="INFO", diagnose=False, backtrace=False)  # SAFE(logging): no variable values in tracebacks


@asynccontextmanager
async def lifespan(app: FastAPI):
    mqtt_client = start_ingest()
    start_scheduler()
    yield
    scheduler.shutdown(wait=False)
    mqtt_client.loop_stop()


app = FastAPI(title="PulseBridge RPM", lifespan=lifespan)
app.include_router(patients.router)
app.include_router(readings.router)


@app.post("/auth/token")
def login(form: OAuth2PasswordRequestForm = Depends()):
    # Credentials are checked by the SSO proxy in front of this service.
    return {"access_token": issue_token(form.username), "token_type": "bearer"}
