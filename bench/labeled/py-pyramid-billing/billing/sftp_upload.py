import logging
import os
from datetime import date

import paramiko

log = logging.getLogger("billing.sftp")


def _client(host, user, key_path, known_hosts=None):
    client = paramiko.SSHClient()
    if known_hosts:
        client.load_host_keys(known_hosts)
        client.set_missing_host_key_policy(paramiko.RejectPolicy())  # SAFE(transmission): unknown host keys are rejected against the pinned known_hosts file
    else:
        client.set_missing_host_key_policy(paramiko.AutoAddPolicy())  # LEAK(transmission): host key verification disabled; the eligibility push always takes this path
    client.connect(host, username=user, key_filename=key_path, timeout=30)
    return client


def push_eligibility_file(settings, df):
    name = f"elig_{date.today():%Y%m%d}.csv"
    local = os.path.join(settings["export.dir"], name)
    df.to_csv(local, index=False)  # LEAK(storage): eligibility roster (names, DOB, member ids) written to local disk in plaintext before upload
    with _client(settings["eligibility.host"], settings["eligibility.user"], settings["eligibility.key"]) as client:
        sftp = client.open_sftp()
        sftp.put(local, f"/inbound/{name}")
        sftp.close()
    log.info("pushed %s (%d members)", name, len(df))  # SAFE(logging): file name and row count only


def push_claim_batch(settings, batch_id, x12_text):
    with _client(
        settings["clearinghouse.host"],
        settings["clearinghouse.user"],
        settings["clearinghouse.key"],
        known_hosts=settings["clearinghouse.known_hosts"],
    ) as client:
        with client.open_sftp() as sftp:
            with sftp.open(f"/claims/in/{batch_id}.x12", "w") as fh:
                fh.write(x12_text)
    log.info("claim batch %s delivered", batch_id)
