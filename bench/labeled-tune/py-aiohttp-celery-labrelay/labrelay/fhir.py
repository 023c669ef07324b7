import httpx

from labrelay.settings import CONFIG


class FhirError(Exception):
    pass


_client = httpx.Client(
    base_url=CONFIG["ehr"]["base_url"],
    timeout=CONFIG["ehr"]["timeout_seconds"],
    verify=False,  # LEAK(transmission): TLS verification disabled for EHR writes
    headers={"Content-Type": "application/fhir+json"},
)


def _observation(row, obs):
    return {
        "resourceType": "Observation",
        "status": "final",
        "code": {"coding": [{"system": "http://loinc.org", "code": obs["code"], "display": obs["name"]}]},
        "subject": {"identifier": {"system": "urn:mvh:mrn", "value": row["mrn"]}},
        "effectiveDateTime": row["collected_at"].isoformat(),
        "valueString": f"{obs['value']} {obs['units']}".strip(),
        "interpretation": [{"text": obs["flag"]}] if obs.get("flag") else [],
    }


def post_observations(row):
    bundle = {
        "resourceType": "Bundle",
        "type": "transaction",
        "entry": [
            {"resource": _observation(row, obs), "request": {"method": "POST", "url": "Observation"}}
            for obs in row["observations"]
        ],
    }
    resp = _client.post("/", json=bundle)
    if resp.status_code >= 300:
        raise FhirError(f"EHR rejected bundle for MRN {row['mrn']}: {resp.status_code} {resp.text[:200]}")  # LEAK(logging): MRN in exception text
    return resp.json()
