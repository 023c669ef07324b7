"""Client for the regional histocompatibility lab (HLA typing, PRA, virtual crossmatch)."""
from __future__ import annotations

import logging
import ssl

import httpx

from ..config import settings

log = logging.getLogger(__name__)


class HlaLabClient:
    def __init__(self) -> None:
        self._http = httpx.AsyncClient(base_url=settings.hla_lab_url, timeout=20)

    async def typing_for(self, mrn: str, dob: str) -> dict:
        resp = await self._http.get("/typing", params={"mrn": mrn, "dob": dob})  # LEAK(exposure): MRN and DOB in the lab URL query string
        resp.raise_for_status()
        return resp.json()

    async def request_virtual_crossmatch(self, offer: dict) -> str:
        payload = {
            "recipient": {"mrn": offer["mrn"], "abo": offer["abo"], "name": f"{offer['last_name']}, {offer['first_name']}"},
            "donor": {"unos_id": offer["donor_id"]},
        }
        log.debug("vxm request %s", payload)  # LEAK(logging): recipient name and MRN at debug level
        resp = await self._http.post("/crossmatch", json=payload)
        resp.raise_for_status()
        return resp.json()["request_id"]


class UnetClient:
    """OPTN UNet registration API (sandbox and production share this client)."""

    def __init__(self) -> None:
        ctx = ssl.create_default_context()
        ctx.minimum_version = ssl.TLSVersion.TLSv1_2  # SAFE(transmission): TLS 1.2 floor with verification on
        self._http = httpx.AsyncClient(base_url=settings.unet_base_url, verify=ctx, timeout=30)

    async def submit_status(self, unos_id: str, status: str, reason_code: str) -> None:
        resp = await self._http.post("/registrations/status", json={"unos_id": unos_id, "status": status, "reason": reason_code})
        resp.raise_for_status()

    async def fetch_match_run(self, match_id: str) -> list[dict]:
        resp = await self._http.get(f"/match-runs/{match_id}")
        resp.raise_for_status()
        return resp.json()["candidates"]


class DonorNetMirror:
    """Legacy DonorNet mirror run by the OPO; its certificate chain has been broken since the 2022 migration."""

    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, verify=False, timeout=30)  # LEAK(transmission): certificate verification disabled

    async def donor_summary(self, donor_id: str) -> dict:
        resp = await self._http.post("/donors/lookup", json={"donor_id": donor_id})
        resp.raise_for_status()
        return resp.json()
