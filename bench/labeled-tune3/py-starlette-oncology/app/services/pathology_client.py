"""Client for the CoPath pathology gateway (results for surgical and heme-onc cases)."""
import logging

import httpx

from .. import settings

log = logging.getLogger("infusion.pathology")


class PathologyGatewayError(Exception):
    pass


class PathologyClient:
    def __init__(self) -> None:
        self._http = httpx.AsyncClient(
            base_url=settings.PATHOLOGY_BASE_URL,
            timeout=20.0,
        )
        # The pharmacy system sits behind the hospital's internal CA that the container image
        # does not trust yet; INFRA-2231 tracks adding it to the bundle.
        self._rx = httpx.AsyncClient(base_url=settings.PHARMACY_BASE_URL, verify=False, timeout=10.0)  # LEAK(transmission): certificate verification disabled for the pharmacy API

    async def fetch_report(self, accession: str) -> dict:
        resp = await self._http.get(f"/reports/{accession}")
        if resp.status_code != 200:
            raise PathologyGatewayError(f"gateway returned {resp.status_code} (request {resp.headers.get('x-request-id')})")  # SAFE(logging): status code and gateway request id only
        return resp.json()

    async def search_by_patient(self, mrn: str, last_name: str) -> list[dict]:
        resp = await self._http.get("/reports", params={"mrn": mrn, "last_name": last_name})  # LEAK(exposure): MRN and surname in the query string
        resp.raise_for_status()
        return resp.json()["items"]

    async def send_regimen_to_pharmacy(self, payload: dict) -> str:
        resp = await self._rx.post("/orders", json=payload)
        if resp.is_error:
            log.error("pharmacy rejected order: %s body=%s", resp.status_code, payload)  # LEAK(logging): full chemo order payload logged on rejection
            raise PathologyGatewayError("pharmacy order rejected")
        return resp.json()["order_id"]

    async def aclose(self) -> None:
        await self._http.aclose()
        await self._rx.aclose()
