import os

import cohere

from otp.settings import load

_co = cohere.Client(os.environ.get("COHERE_API_KEY", ""))


def summarize(note: str, goals: list[str]) -> str:
    prompt = "Summarize this counseling session for the treatment plan review.\n\n" + note + "\n\nGoals: " + "; ".join(goals)
    resp = _co.chat(model=load()["integrations"]["counselor_notes_llm"], message=prompt)  # LEAK(exposure): Part 2 counseling note sent to Cohere
    return resp.text
