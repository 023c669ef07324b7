"""Member communications: Mailgun transactional mail and Braze engagement campaigns."""
from __future__ import annotations

import logging

import requests

from ..settings import settings

log = logging.getLogger(__name__)


def send_mail(to: str, subject: str, text: str) -> None:
    cfg = settings()["mail"]
    resp = requests.post(
        f"{cfg['api_base']}/messages",
        auth=("api", settings()["secrets"]["mailgun_key"]),
        data={"from": "Rx Member Services <noreply@rx.example-pbm.com>", "to": to, "subject": subject, "text": text},
        timeout=10,
    )
    resp.raise_for_status()


def braze_track(external_id: str, attributes: dict, events: list[dict] | None = None) -> None:
    cfg = settings()["braze"]
    resp = requests.post(
        f"{cfg['endpoint']}/users/track",
        headers={"Authorization": f"Bearer {settings()['secrets']['braze_key']}"},
        json={"attributes": [{"external_id": external_id, **attributes}], "events": events or []},
        timeout=10,
    )
    if resp.status_code >= 400:
        log.error("braze rejected update for %s: %s", external_id, resp.text)  # LEAK(logging): member number and echoed attributes logged
