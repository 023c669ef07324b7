import logging

from pyramid.httpexceptions import HTTPFound, HTTPNotFound
from pyramid.view import view_config

from otp.crypto import registry_token
from otp.integrations import central_registry
from otp.models import Patient
from otp.views.errors import ChartConflict

log = logging.getLogger("otp.patients")


def _chart(p: Patient) -> dict:
    return {
        "id": p.id,
        "chart_no": p.chart_no,
        "name": p.full_name,
        "dob": p.dob,
        "medication": p.medication,
        "phase": p.phase,
        "admitted_on": p.admitted_on.isoformat(),
    }


@view_config(route_name="patient", renderer="json", request_method="GET", permission="chart.read", audit="chart.read")
def read_chart(request):
    p = Patient.get_or_none(Patient.id == int(request.matchdict["pid"]))
    if p is None:
        raise HTTPNotFound()
    return _chart(p)


@view_config(route_name="patients", renderer="json", request_method="POST", permission="chart.write", audit="chart.admit")
def admit(request):
    data = request.json_body
    hit = central_registry.check(registry_token(data["ssn"], data["dob"]), data)
    if hit.get("enrolled_elsewhere"):
        raise ChartConflict(f"{data['name']} ({data['dob']}) already doses at {hit['program']}")  # LEAK(logging): exception message with name, DOB and other OTP enrollment
    p = Patient.create(
        chart_no=data["chart_no"],
        full_name=data["name"],
        dob=data["dob"],
        ssn=data.get("ssn"),
        phone=data.get("phone"),
        emergency_contact=data.get("emergency_contact"),
        medication=data["medication"],
        admitted_on=data["admitted_on"],
    )
    log.info("admitted chart id=%s medication=%s", p.id, p.medication)  # LEAK(logging): links a chart to methadone/buprenorphine treatment in app logs (Part 2)
    return {"id": p.id}


@view_config(route_name="patient_search", request_method="POST", permission="chart.read", audit="chart.search")
def search_form(request):
    data = request.POST
    return HTTPFound(location=request.route_url("patient_search", _query={"name": data["name"], "dob": data["dob"]}))  # LEAK(exposure): name and DOB moved into the redirect URL


@view_config(route_name="patient_search", request_method="GET", renderer="json", permission="chart.read", audit="chart.search")
def search(request):
    name, dob = request.GET.get("name", ""), request.GET.get("dob", "")
    request.session["last_search"] = {"name": name, "dob": dob}  # LEAK(storage): search terms kept in the signed (readable) cookie session
    hits = [p for p in Patient.select().where(Patient.active == True) if p.full_name.lower() == name.lower() and p.dob == dob]  # noqa: E712
    return [{"id": p.id, "name": p.full_name} for p in hits]
