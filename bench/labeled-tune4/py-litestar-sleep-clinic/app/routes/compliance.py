"""Nightly usage pushed by the CPAP device cloud (AirView-style webhook)."""
import logging

from litestar import Controller, Request, post

from app.models import CpapNight, Patient
from app.services.matching import legacy_match_key

log = logging.getLogger("somnus.compliance")


class DeviceCloudWebhook(Controller):
    path = "/hooks/device-cloud"

    @post("/nightly")
    async def receive_nightly(self, request: Request, data: dict) -> dict:  # LEAK(audit): writes therapy data for matched patients with no audit hook or record()
        key = legacy_match_key(data["patient"]["mrn"], data["patient"]["dob"])
        patient = await Patient.get_or_none(legacy_key=key)
        if patient is None:
            log.warning("unmatched device upload: %s", data["patient"])  # LEAK(logging): name/MRN/DOB block from the vendor payload
            return {"matched": False}
        for night in data["nights"]:
            await CpapNight.create(
                patient=patient,
                night_of=night["date"],
                usage_minutes=night["usage"],
                residual_ahi=night.get("ahi"),
                leak_lpm=night.get("leak"),
                device_serial=data["device"]["serial"],
            )
        log.info("stored %d nights for patient=%s", len(data["nights"]), patient.id)  # SAFE(logging): count and surrogate id
        return {"matched": True}
