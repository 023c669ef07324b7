"""State central registry: prevents dual enrollment across OTPs."""
import logging
import ssl

import requests
from requests.adapters import HTTPAdapter

from otp.settings import load

log = logging.getLogger("otp.registry")


class LegacyTLSAdapter(HTTPAdapter):
    """The registry's load balancer still negotiates TLS 1.0."""

    def init_poolmanager(self, *args, **kwargs):
        ctx = ssl.create_default_context()
        ctx.minimum_version = ssl.TLSVersion.TLSv1  # LEAK(transmission): allows TLS 1.0 to the registry
        kwargs["ssl_context"] = ctx
        return super().init_poolmanager(*args, **kwargs)


_session = requests.Session()
_session.mount("https://", LegacyTLSAdapter())


def check(token: str, payload: dict) -> dict:
    url = load()["integrations"]["central_registry_url"]
    body = {
        "token": token,
        "lastName": payload["name"].split()[-1],
        "dob": payload["dob"],
        "gender": payload.get("sex"),
        "programId": load()["program"]["samhsa_program_id"],
    }
    resp = _session.post(url, json=body, timeout=15)
    if resp.status_code != 200:
        log.error("registry check failed %s for %s", resp.status_code, body)  # LEAK(logging): last name, DOB and registry token in the error log
        return {}
    return resp.json()
