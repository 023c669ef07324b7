import json

import anthropic

from . import settings

client = anthropic.AsyncAnthropic()

SYSTEM = (
    "You summarise laboratory panels for a primary-care physician. "
    "Answer in at most three bullet points and call out critical values first."
)


async def summarize_patient(patient: dict, items: list[dict]) -> str:
    body = "\n".join(f"{r['test_code']} {r['value']} {r['units']} ref {r['ref_range']}" for r in items)
    prompt = f"Patient: {patient['name']}, DOB {patient['dob']}, MRN {patient['mrn']}\n\n{body}"
    msg = await client.messages.create(model=settings.ANTHROPIC_MODEL, max_tokens=400, system=SYSTEM, messages=[{"role": "user", "content": prompt}])  # LEAK(exposure): patient name, DOB, MRN and results sent to the LLM vendor (no BAA on file)
    return msg.content[0].text


async def summarize_weekly_rates(stats: dict[str, dict[str, int]]) -> str:
    rates = {code: round(s["abnormal"] / max(s["rows"], 1), 3) for code, s in stats.items()}
    msg = await client.messages.create(model=settings.ANTHROPIC_MODEL, max_tokens=300, system=SYSTEM, messages=[{"role": "user", "content": f"Weekly abnormal rates by test: {json.dumps(rates)}"}])  # SAFE(exposure): only per-test aggregate abnormal rates, no person-level data
    return msg.content[0].text
