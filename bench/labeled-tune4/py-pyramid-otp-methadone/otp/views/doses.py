import logging
from decimal import Decimal

from pyramid.view import view_config

from otp.models import Dose, Patient
from otp.tasks import notify_prescriber

log = logging.getLogger("otp.doses")


@view_config(route_name="doses", renderer="json", request_method="GET", permission="chart.read", audit="dose.list")
def list_doses(request):
    pid = int(request.matchdict["pid"])
    rows = Dose.select().where(Dose.patient == pid).order_by(Dose.given_at.desc()).limit(60)
    return [{"at": r.given_at.isoformat(), "mg": str(r.mg), "take_home": r.take_home} for r in rows]


@view_config(route_name="doses", renderer="json", request_method="POST", permission="dose.give", audit="dose.give")
def give_dose(request):
    pid = int(request.matchdict["pid"])
    data = request.json_body
    patient = Patient.get_by_id(pid)
    rec = Dose.create(patient=patient, mg=Decimal(data["mg"]), take_home=data.get("take_home", False),
                      nurse_id=request.authenticated_userid)
    if Decimal(data["mg"]) >= Decimal("120"):
        notify_prescriber.send({"patient": patient.full_name, "dob": patient.dob, "mg": data["mg"], "dose_id": rec.id})  # LEAK(storage): name/DOB/dose as a dramatiq message in redis
    log.info("dose %s given to %s: %s mg", rec.id, patient.full_name, data["mg"])  # LEAK(logging): patient name with methadone dose
    return {"id": rec.id}
