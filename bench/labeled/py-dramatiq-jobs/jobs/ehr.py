import logging
import os
import ssl

import requests
from requests.adapters import HTTPAdapter

from . import config

log = logging.getLogger("sync.ehr")

_TLS = {
    "TLSv1": ssl.TLSVersion.TLSv1,
    "TLSv1.2": ssl.TLSVersion.TLSv1_2,
    "TLSv1.3": ssl.TLSVersion.TLSv1_3,
}


class _TLSAdapter(HTTPAdapter):
    def __init__(self, ctx, **kw):
        self._ctx = ctx
        super().__init__(**kw)

    def init_poolmanager(self, *args, **kw):
        kw["ssl_context"] = self._ctx
        return super().init_poolmanager(*args, **kw)


def hie_session() -> requests.Session:
    ctx = ssl.create_default_context()
    ctx.minimum_version = _TLS[config.get("tls.min_version", "TLSv1.2")]
    s = requests.Session()
    s.mount("https://", _TLSAdapter(ctx))
    return s


class EhrClient:
    def __init__(self):
        self.base = config.get("ehr.base_url")
        self.s = requests.Session()
        self.s.verify = config.get("ehr.ca_bundle") or config.get("ehr.verify_tls", True)
        self._auth()

    def _auth(self):
        resp = self.s.post(
            config.get("ehr.token_url"),
            data={
                "grant_type": "client_credentials",
                "client_id": config.get("ehr.client_id"),
                "client_secret": os.environ["EHR_CLIENT_SECRET"],
            },
            timeout=15,
        )
        resp.raise_for_status()
        self.s.headers["Authorization"] = f"Bearer {resp.json()['access_token']}"

    def patients_since(self, since: str):
        url = f"{self.base}/Patient"
        params = {"_lastUpdated": f"gt{since}", "_count": config.get("ehr.page_size", 200)}
        while url:
            resp = self.s.get(url, params=params, timeout=30)
            resp.raise_for_status()
            bundle = resp.json()
            log.debug("page: %d entries (total=%s)", len(bundle.get("entry", [])), bundle.get("total"))  # SAFE(logging): entry count and bundle total only
            for entry in bundle.get("entry", []):
                yield entry["resource"]
            url = next((link["url"] for link in bundle.get("link", []) if link["relation"] == "next"), None)
            params = None

    def get_patient(self, ehr_id: str) -> dict:
        resp = self.s.get(f"{self.base}/Patient/{ehr_id}", timeout=15)
        if resp.status_code != 200:
            log.error("patient %s fetch failed %s: %s", ehr_id, resp.status_code, resp.text)  # LEAK(logging): error log dumps the EHR response body (a FHIR Patient resource)
            resp.raise_for_status()
        return resp.json()

    def search_by_identity(self, family: str, birth_date: str) -> list[dict]:
        resp = self.s.get(f"{self.base}/Patient", params={"family": family, "birthdate": birth_date}, timeout=15)  # LEAK(exposure): surname and birth date sent in the URL query string of a GET search
        resp.raise_for_status()
        return [e["resource"] for e in resp.json().get("entry", [])]
