import logging
import os
import uuid

import bcrypt
from pyramid.httpexceptions import HTTPForbidden, HTTPFound
from pyramid.security import NO_PERMISSION_REQUIRED, remember
from pyramid.view import view_config
from sqlalchemy import text

from .audit import audited
from .exports import claims_frame, eligibility_frame, write_denials_workbook, write_encrypted_export
from .queries import claims_for_member, claims_since, load_claim, update_claim_payment
from .security import issue_api_token, read_magic_login, read_partner_callback, read_statement_link, statement_link_token
from .sftp_upload import push_eligibility_file

log = logging.getLogger("billing.views")


def render_837(claim):
    return "ISA*00*...~" + f"CLM*{claim['claim_no']}*{claim['billed']}~HI*ABK:{claim['icd10']}~SV1*HC:{claim['cpt']}~"


@view_config(route_name="login", request_method="POST", renderer="json", permission=NO_PERMISSION_REQUIRED)
def login(request):
    body = request.json_body
    row = request.dbsession.execute(text("SELECT id, pw_hash FROM staff WHERE email = :e"), {"e": body["email"]}).first()
    if row is None or not bcrypt.checkpw(body["password"].encode(), row.pw_hash.encode()):
        raise HTTPForbidden()
    request.response.headers.extend(remember(request, row.id))
    log.info("staff %s signed in", row.id)
    return {"ok": True}


@view_config(route_name="magic_login", request_method="GET", permission=NO_PERMISSION_REQUIRED)
def magic_login(request):
    data = read_magic_login(request.params["t"])
    return HTTPFound("/", headers=remember(request, data["staff_id"]))


@view_config(route_name="claim", request_method="GET", renderer="json", permission="claims.read", decorator=audited("claim.read"))
def claim_detail(request):  # SAFE(audit): claim read goes through the audited() view decorator
    claim = load_claim(request.dbsession, int(request.matchdict["claim_id"]))
    request.session["recent_claim"] = {"id": claim["claim_id"], "member_id": claim["member_id"], "patient": claim["patient_name"], "icd10": claim["icd10"]}  # LEAK(storage): member id, patient name and diagnosis stashed in the signed-but-unencrypted cookie session
    return claim


@view_config(route_name="claim_submit", request_method="POST", renderer="json", permission="claims.write", decorator=audited("claim.submit"))
def submit_claim(request):
    claim = load_claim(request.dbsession, int(request.matchdict["claim_id"]))
    request.registry.payer.submit_claim(render_837(claim), claim["claim_id"])
    log.info("claim %s submitted by staff %s", claim["claim_id"], request.authenticated_userid)  # SAFE(logging): internal claim id and staff id only
    return {"status": "submitted"}


@view_config(route_name="claim_status", request_method="GET", renderer="json", permission="claims.read", decorator=audited("claim.status"))
def claim_status(request):
    claim = load_claim(request.dbsession, int(request.matchdict["claim_id"]))
    return request.registry.payer.claim_status(claim)


@view_config(route_name="eligibility", request_method="POST", renderer="json", permission="eligibility.check", decorator=audited("eligibility.check"))
def check_eligibility(request):
    data = request.json_body
    log.info(f"eligibility check for {data.get('first_name')} {data.get('last_name')} dob={data.get('dob')} member={data.get('member_id')}")  # LEAK(logging): eligibility request (name, DOB, member id) written to the info log
    result = request.registry.payer.eligibility(data)
    if data.get("batch"):
        push_eligibility_file(request.registry.settings, eligibility_frame([data]))
    return result


@view_config(route_name="member_claims", request_method="GET", renderer="json", permission="claims.read", decorator=audited("member.claims"))
def member_claims(request):
    items = claims_for_member(request.dbsession, request.matchdict["member_id"])
    return {"count": len(items), "claims": items}


@view_config(route_name="statement_link", request_method="POST", renderer="json", permission="claims.read", decorator=audited("statement.link"))
def statement_link(request):
    row = request.dbsession.execute(text("SELECT id, member_id FROM statements WHERE id = :i"), {"i": int(request.matchdict["statement_id"])}).first()
    return {"url": request.route_url("statement_download", _query={"t": statement_link_token(row.id, row.member_id)})}


@view_config(route_name="statement_download", request_method="GET", permission="claims.read", decorator=audited("statement.download"))
def statement_download(request):
    data = read_statement_link(request.params["t"])
    row = request.dbsession.execute(text("SELECT pdf FROM statements WHERE id = :i"), {"i": data["statement_id"]}).first()
    request.response.content_type = "application/pdf"
    request.response.body = row.pdf
    return request.response


@view_config(route_name="export_claims", request_method="GET", permission="claims.export")
def export_claims(request):  # LEAK(audit): bulk claims export (names, DOB, diagnoses) is the only claims view without the audited() decorator
    df = claims_frame(claims_since(request.dbsession, request.params.get("since", "1900-01-01")))
    out_dir = request.registry.settings["export.dir"]
    write_encrypted_export(df, os.path.join(out_dir, f"claims_{uuid.uuid4().hex}.csv.enc"), os.environ["EXPORT_KEY"])
    write_denials_workbook(df, os.path.join(out_dir, "denials_latest.xlsx"))
    request.response.content_type = "text/csv"
    request.response.text = df.to_csv(index=False)
    return request.response


@view_config(route_name="remit_webhook", request_method="POST", renderer="json", permission=NO_PERMISSION_REQUIRED)
def remit_webhook(request):  # LEAK(audit): remittance webhook changes claim payments and status with no audit entry
    payload = read_partner_callback(request.headers["X-Remit-Token"])
    for item in payload.get("items", []):
        update_claim_payment(request.dbsession, int(item["claim_id"]), item["paid"], item["status"])
    return {"updated": len(payload.get("items", []))}


@view_config(route_name="api_token", request_method="POST", renderer="json", permission="api.token")
def api_token(request):
    return {"token": issue_api_token(request.authenticated_userid, request.registry.settings["jwt.secret"])}


@view_config(context=Exception, renderer="json", permission=NO_PERMISSION_REQUIRED)
def on_error(exc, request):
    ref = uuid.uuid4().hex[:12]
    log.exception("error %s handling %s", ref, request.path_qs)  # LEAK(logging): logged path includes /members/{member_id}/... member ids
    request.response.status_int = 500
    return {"error": "internal error", "ref": ref}  # SAFE(exposure): generic body with a correlation id only
