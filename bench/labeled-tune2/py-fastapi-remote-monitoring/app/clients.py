import httpx
from loguru import logger

from .config import get_settings
from .models import Patient, Reading


class EhrError(Exception):
    pass


class EhrClient:
    def __init__(self):
        s = get_settings()
        self.http = httpx.AsyncClient(base_url=s.ehr.base_url, verify=s.ehr.ca_bundle, timeout=15)  # SAFE(transmission): HTTPS with the partner CA pinned

    async def push_observation(self, patient: Patient, item: Reading) -> str:
        obs = {
            "resourceType": "Observation",
            "status": "final",
            "subject": {"identifier": {"system": "urn:northbay:mrn", "value": patient.mrn}},
            "effectiveDateTime": item.taken_at.isoformat(),
            "valueQuantity": {"value": item.value, "unit": item.unit},
        }
        resp = await self.http.post("/Observation", json=obs)
        if resp.status_code >= 400:
            raise EhrError(f"EHR rejected observation for MRN {patient.mrn}: {resp.text}")  # LEAK(logging): MRN in exception text
        logger.info("EHR accepted observation: {}", resp.text)  # LEAK(logging): echoed FHIR Observation in the log
        return resp.json()["id"]


class VendorCloud:
    def __init__(self):
        s = get_settings()
        self.http = httpx.Client(base_url=s.vendor_cloud.base_url, headers={"Authorization": f"Bearer {s.vendor_api_key}"})

    def find_account(self, full_name: str, dob: str) -> dict:
        return self.http.get(f"/accounts/search?name={full_name}&dob={dob}").json()  # LEAK(exposure): name and DOB in the vendor URL


async def ask_llm(prompt: str) -> str:
    s = get_settings()
    async with httpx.AsyncClient(timeout=30) as http:
        resp = await http.post(
            "https://api.openai.com/v1/chat/completions",
            headers={"Authorization": f"Bearer {s.openai_api_key}"},
            json={"model": "gpt-4o-mini", "messages": [{"role": "user", "content": prompt}]},
        )
    return resp.json()["choices"][0]["message"]["content"]
