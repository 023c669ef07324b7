import csv
import io
import logging

from pyramid.view import view_config

from otp.integrations import counseling_llm, pharmacy
from otp.models import Dose, Patient

log = logging.getLogger("otp.reports")


@view_config(route_name="take_home_export", renderer="json", request_method="POST", permission="export")
def export_take_home(request):  # LEAK(audit): exports every take-home dose with names, no audit= option
    day = request.matchdict["day"]
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["chart_no", "name", "dob", "mg", "bottles"])
    rows = Dose.select(Dose, Patient).join(Patient).where(Dose.take_home == True, Dose.given_at.startswith(day))  # noqa: E712
    for d in rows:
        w.writerow([d.patient.chart_no, d.patient.full_name, d.patient.dob, str(d.mg), 1])
    ref = pharmacy.push_take_home(day, buf.getvalue().encode())
    return {"rows": rows.count(), "ref": ref}


@view_config(route_name="counseling_summary", renderer="json", request_method="POST", permission="chart.write",
             audit="counseling.summary")
def counseling_summary(request):
    data = request.json_body
    summary = counseling_llm.summarize(data["note"], data.get("goals", []))
    return {"summary": summary}
