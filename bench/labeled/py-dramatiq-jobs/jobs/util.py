import hashlib
import hmac

MRN_SYSTEM = "urn:oid:2.16.840.1.113883.3.9999.1"
SSN_SYSTEM = "http://hl7.org/fhir/sid/us-ssn"  # SAFE(transmission): FHIR identifier system URI, not an endpoint


def flatten(resource: dict) -> dict:
    name = (resource.get("name") or [{}])[0]
    ids = {i.get("system", ""): i.get("value") for i in resource.get("identifier", [])}
    addr = (resource.get("address") or [{}])[0]
    return {
        "ehr_id": resource["id"],
        "mrn": ids.get(MRN_SYSTEM),
        "ssn": ids.get(SSN_SYSTEM),
        "given": " ".join(name.get("given", [])),
        "family": name.get("family"),
        "birth_date": resource.get("birthDate"),
        "gender": resource.get("gender"),
        "phone": next((t["value"] for t in resource.get("telecom", []) if t.get("system") == "phone"), None),
        "zip": addr.get("postalCode"),
    }


def dedupe_key(rec: dict) -> str:
    return hashlib.sha1(f"{rec['ssn']}|{rec['birth_date']}".encode()).hexdigest()  # LEAK(crypto): unkeyed SHA-1 over SSN and birth date used as the cross-system match key


def pseudonym(rec: dict, key: bytes) -> str:
    return hmac.new(key, rec["ehr_id"].encode(), hashlib.sha256).hexdigest()  # SAFE(crypto): keyed HMAC-SHA256 pseudonym for object keys


def parse_pid(hl7: str) -> dict:
    seg = next((s for s in hl7.split("\r") if s.startswith("PID|")), "")
    f = seg.split("|")
    fam, _, given = (f[5] if len(f) > 5 else "").partition("^")
    dob = f[7][:8] if len(f) > 7 else ""
    return {"family": fam, "given": given.split("^")[0], "birth_date": f"{dob[:4]}-{dob[4:6]}-{dob[6:8]}" if dob else ""}
