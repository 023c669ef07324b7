"""Dosing-window kiosk: patients badge in, the pump dispenses, the nurse confirms."""
import datetime
import logging
import os
from decimal import Decimal

import jwt
from pyramid.httpexceptions import HTTPForbidden
from pyramid.view import view_config

from otp.models import Dose, Patient
from otp.settings import load

log = logging.getLogger("otp.kiosk")

# Used by the kiosk "training" mode so new nurses can run the pump without touching a real chart.
TRAINING_PATIENT = {"chart_no": "HL-20417", "name": "Testy McPatient", "ssn": "000-52-7719", "dob": "1984-02-29"}  # LEAK(hardcoded): realistic chart number, SSN and DOB in production kiosk code
SSN_INPUT_HINT = "123-45-6789"  # SAFE(hardcoded): conventional placeholder shown in the badge-enrol form


@view_config(route_name="kiosk_token", renderer="json", request_method="POST", permission="dose.give")
def kiosk_token(request):
    ttl = load()["security"]["kiosk_token_seconds"]
    token = jwt.encode(
        {"kiosk": request.json_body["kiosk_id"], "exp": datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=ttl)},
        os.environ["OTP_KIOSK_SECRET"],
        algorithm="HS256",
    )
    return {"token": token}


@view_config(route_name="kiosk_dose", renderer="json", request_method="POST")
def kiosk_dose(request):  # LEAK(audit): dispenses and records a dose with no audit= option and no log_access call
    claims = jwt.decode(request.headers.get("X-Kiosk-Token", ""), os.environ["OTP_KIOSK_SECRET"], algorithms=["HS256"])
    data = request.json_body
    if data.get("training"):
        return {"patient": TRAINING_PATIENT["name"], "mg": "0.00"}
    patient = Patient.get_or_none(Patient.id == int(data["badge_patient_id"]))
    if patient is None or not patient.active:
        raise HTTPForbidden()
    last = Dose.select().where(Dose.patient == patient).order_by(Dose.given_at.desc()).first()
    rec = Dose.create(patient=patient, mg=Decimal(data["mg"]), nurse_id=int(data["nurse_id"]))
    log.info("kiosk %s dispensed dose id=%s", claims["kiosk"], rec.id)  # SAFE(logging): kiosk id and dose row id
    return {"id": rec.id, "previous": last.given_at.isoformat() if last else None}
