"""Draft the patient-friendly summary of a sleep study with an LLM."""
import google.generativeai as genai

from app.config import settings

genai.configure(api_key=settings.gemini_api_key)
_model = genai.GenerativeModel("gemini-1.5-pro")

PROMPT = """You are a sleep medicine assistant. Write a short, friendly explanation of this study for the
patient. Mention the severity of sleep apnea and next steps.

{details}
"""


def _details(item: dict) -> str:
    return "\n".join(f"{k}: {v}" for k, v in item.items())


async def draft_summary(item: dict) -> str:
    result = await _model.generate_content_async(PROMPT.format(details=_details(item)))  # LEAK(exposure): study with patient name, AHI and interpretation sent to Gemini (no BAA)
    return result.text


def scrub_for_prompt(item: dict) -> dict:
    keep = ("ahi", "odi", "nadir_spo2", "kind")
    return {k: item[k] for k in keep if k in item}


async def draft_generic_explainer(item: dict) -> str:
    result = await _model.generate_content_async(PROMPT.format(details=_details(scrub_for_prompt(item))))  # SAFE(exposure): only de-identified indices, no identifiers
    return result.text
