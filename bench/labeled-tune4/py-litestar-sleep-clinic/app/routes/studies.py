import logging

from litestar import Controller, Request, get, post
from litestar.exceptions import NotFoundException

from app import jobs
from app.models import SleepStudy
from app.services import dme, objects, scoring_vendor, summarize

log = logging.getLogger("somnus.studies")


class StudyController(Controller):
    path = "/studies"

    @get("/{study_id:int}")
    async def read_study(self, study_id: int) -> dict:
        s = await SleepStudy.get_or_none(id=study_id).prefetch_related("patient")
        if s is None:
            raise NotFoundException()
        return {
            "id": s.id,
            "kind": s.kind,
            "status": s.status,
            "ahi": s.ahi,
            "odi": s.odi,
            "nadir_spo2": s.nadir_spo2,
            "interpretation": s.interpretation,
            "diagnosis_code": s.diagnosis_code,
            "patient": {"id": str(s.patient.id), "name": s.patient.full_name, "dob": s.patient.dob},
        }

    @post("/{study_id:int}/raw")
    async def upload_raw(self, request: Request, study_id: int) -> dict:
        body = await request.body()
        key = objects.put_recording(f"{study_id}/{request.headers.get('x-file-name', 'study.edf')}", body)
        await SleepStudy.filter(id=study_id).update(raw_object_key=key, status="recorded")
        if request.query_params.get("outsource") == "1":
            await scoring_vendor.send_for_scoring(study_id, body, {"study": study_id})
        else:
            jobs.enqueue_scoring(study_id)
        return {"key": key}

    @post("/{study_id:int}/interpretation")
    async def sign_interpretation(self, request: Request, study_id: int, data: dict) -> dict:
        s = await SleepStudy.get(id=study_id).prefetch_related("patient")
        s.interpretation = data["text"]
        s.diagnosis_code = data.get("diagnosis_code")
        s.status = "signed"
        await s.save()
        item = {
            "name": s.patient.full_name,
            "dob": s.patient.dob,
            "kind": s.kind,
            "ahi": s.ahi,
            "nadir_spo2": s.nadir_spo2,
            "interpretation": s.interpretation,
        }
        summary = await summarize.draft_summary(item)
        jobs.enqueue_letter(data["referring_email"], item)
        log.debug("signed study %s -> %s", study_id, item)  # LEAK(logging): interpretation, name and DOB in a debug log line
        return {"status": s.status, "patient_summary": summary}

    @post("/{study_id:int}/order-cpap")
    async def order_cpap(self, request: Request, study_id: int, data: dict) -> dict:
        s = await SleepStudy.get(id=study_id).prefetch_related("patient")
        result = await dme.place_order(s.patient, data)
        return {"order_ref": result.get("order_ref")}
