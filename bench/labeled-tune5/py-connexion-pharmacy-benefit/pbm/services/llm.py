"""Determination-letter drafting with Mistral."""
from __future__ import annotations

from mistralai import Mistral

from ..settings import settings

SYSTEM = (
    "Draft a prior-authorization determination letter to the member. Plain language, "
    "cite the plan's specialty-drug criteria, no more than 250 words."
)


def draft_determination_letter(member: dict, drug_name: str, icd10_codes: str, chart_notes: str | None) -> str:
    client = Mistral(api_key=settings()["secrets"]["mistral_key"])
    prompt = (
        f"Member: {member['first_name']} {member['last_name']} (DOB {member['dob']}, #{member['member_number']})\n"
        f"Drug requested: {drug_name}\nDiagnoses: {icd10_codes}\nChart notes: {chart_notes or 'n/a'}"
    )
    resp = client.chat.complete(  # LEAK(exposure): member identity, diagnoses and chart notes sent to Mistral
        model="mistral-large-latest",
        messages=[{"role": "system", "content": SYSTEM}, {"role": "user", "content": prompt}],
    )
    return resp.choices[0].message.content
