"""OASIS-E assessment export to the iQIES submission host."""
import csv
import logging
import os

import paramiko

from .. import config

log = logging.getLogger("riverbend.oasis")

FIELDS = ["M0040_PAT_FNAME", "M0040_PAT_LNAME", "M0066_PAT_BIRTH_DT", "M0063_MEDICARE_NUM", "M1021_PRIMARY_DIAG_ICD", "M1800_GROOMING"]


def write_batch(rows: list[dict], batch_id: str) -> str:
    spool = config.load()["oasis"]["spool_dir"]
    os.makedirs(spool, exist_ok=True)
    path = os.path.join(spool, f"oasis-{batch_id}.csv")
    with open(path, "w", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=FIELDS)
        writer.writeheader()
        writer.writerows(rows)  # LEAK(storage): names, DOB, Medicare number and diagnosis spooled to disk in cleartext
    return path


def upload(path: str) -> None:
    cfg = config.load()["oasis"]
    ssh = paramiko.SSHClient()
    ssh.set_missing_host_key_policy(paramiko.AutoAddPolicy())  # LEAK(transmission): SFTP host key never verified
    ssh.connect(cfg["sftp_host"], username=cfg["sftp_user"], key_filename=os.environ["OASIS_SFTP_KEY"])
    try:
        sftp = ssh.open_sftp()
        sftp.put(path, f"/inbound/{os.path.basename(path)}")
        log.info("uploaded OASIS batch %s", os.path.basename(path))
    finally:
        ssh.close()
