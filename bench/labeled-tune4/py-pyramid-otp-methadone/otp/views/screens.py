import json
import logging

from pyramid.view import view_config

from otp import notify
from otp.models import DrugScreen

log = logging.getLogger("otp.screens")


@view_config(route_name="screens", renderer="json", request_method="POST", permission="chart.write", audit="uds.record")
def record_screen(request):
    data = request.json_body
    row = DrugScreen.create(
        patient=int(request.matchdict["pid"]),
        collected_on=data["collected_on"],
        panel=data["panel"],
        results=json.dumps(data["results"]),
        observed=data.get("observed", False),
        notes=data.get("notes"),
    )
    positives = [k for k, v in data["results"].items() if v == "POS"]
    if positives:
        log.warning("UDS %s positive for %s", row.id, ",".join(positives))  # LEAK(logging): substances positive for a specific screen
    return {"id": row.id, "positives": len(positives)}


@view_config(route_name="screen", renderer="json", request_method="GET", permission="uds.read")
def read_screen(request):  # LEAK(audit): UDS result view has no audit= option, so the deriver skips it
    row = DrugScreen.get_by_id(int(request.matchdict["id"]))
    try:
        results = json.loads(row.results)
    except ValueError as exc:
        notify.report(exc, row)
        raise
    return {"id": row.id, "panel": row.panel, "results": results, "collected_on": row.collected_on.isoformat()}
