"""Overflow scoring: when the lab is behind, raw EDF studies go to the contracted scoring service."""
import logging
import os

import asyncssh

log = logging.getLogger("somnus.scoring")

VENDOR_HOST = os.environ.get("SCORING_SFTP_HOST", "sftp.nightowl-scoring.com")


async def send_for_scoring(study_id: int, edf: bytes, header: dict) -> str:
    remote = f"/inbound/somnus/{study_id}.edf"
    async with asyncssh.connect(
        VENDOR_HOST,
        username="somnus",
        client_keys=[os.environ.get("SCORING_SFTP_KEY", "/etc/somnus/scoring_ed25519")],
        known_hosts=None,  # LEAK(transmission): host key never verified for the SFTP upload of recordings
    ) as conn:
        async with conn.start_sftp_client() as sftp:
            async with sftp.open(remote, "wb") as fh:
                await fh.write(edf)
    return remote
