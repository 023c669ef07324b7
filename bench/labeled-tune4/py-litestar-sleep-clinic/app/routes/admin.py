import logging

from litestar import Controller, Request, post

from app.models import CpapNight, Patient, SleepStudy

log = logging.getLogger("somnus.admin")


class AdminController(Controller):
    path = "/admin"

    @post("/patients/merge")
    async def merge_patients(self, request: Request, data: dict) -> dict:  # LEAK(audit): merges two charts; admin router skips the audit hook
        keep = await Patient.get(id=data["keep"])
        drop = await Patient.get(id=data["drop"])
        await SleepStudy.filter(patient=drop).update(patient=keep)
        await CpapNight.filter(patient=drop).update(patient=keep)
        await drop.delete()
        return {"kept": str(keep.id)}
