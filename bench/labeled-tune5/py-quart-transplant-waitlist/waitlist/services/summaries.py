"""Draft selection-committee summaries with an LLM."""
from __future__ import annotations

import anthropic

from ..config import settings

_client = anthropic.AsyncAnthropic(api_key=settings.anthropic_api_key)

PROMPT = (
    "You are assisting a transplant selection committee. Write a neutral one-paragraph summary "
    "of the candidate below, covering diagnosis, dialysis history, MELD/EPTS and psychosocial notes."
)


async def committee_summary(rec: dict) -> str:
    candidate = "\n".join(f"{k}: {v}" for k, v in rec.items() if k not in ("ssn",))
    msg = await _client.messages.create(  # LEAK(exposure): candidate name, DOB, diagnosis sent to LLM API
        model="claude-3-5-sonnet-latest",
        max_tokens=600,
        system=PROMPT,
        messages=[{"role": "user", "content": candidate}],
    )
    return msg.content[0].text
