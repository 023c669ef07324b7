"""Background jobs: offer fan-out over AMQP, nightly backup, UNet reconciliation.

Run with ``python -m waitlist.jobs <job>`` from the scheduler container.
"""
from __future__ import annotations

import asyncio
import csv
import io
import json
import logging
import sys
from datetime import date

import aio_pika
import aioboto3

from .audit import record_access
from .config import settings
from .crypto import dedupe_key
from .db import candidates, init_pool, pool
from .logutil import configure_logging, log_event
from .services.analytics import track_count
from .services.hla import UnetClient

log = logging.getLogger("waitlist.jobs")


async def publish_offer_packet(offer: dict) -> None:
    conn = await aio_pika.connect_robust(settings.amqp_url)
    async with conn:
        channel = await conn.channel()
        exchange = await channel.declare_exchange("offers", aio_pika.ExchangeType.TOPIC, durable=True)
        await exchange.publish(  # LEAK(storage): full offer packet with recipient identity persisted on the broker queue
            aio_pika.Message(body=json.dumps(offer, default=str).encode(), delivery_mode=aio_pika.DeliveryMode.PERSISTENT),
            routing_key=f"offer.{offer['organ']}",
        )


async def consume_offer_packets() -> None:
    conn = await aio_pika.connect_robust(settings.amqp_url)
    channel = await conn.channel()
    queue = await channel.declare_queue("offer-workbench", durable=True)
    async with queue.iterator() as it:
        async for message in it:
            async with message.process():
                log.info("offer packet received: %s", message.body.decode())  # LEAK(logging): raw offer packet body logged
                packet = json.loads(message.body)
                await record_access(actor="system:offer-consumer", action="offer.packet", target=str(packet.get("offer_id")), outcome="ok")


async def nightly_backup() -> None:  # SAFE(audit): job writes its own audit event
    rows = await pool().fetch("SELECT * FROM candidates")
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(rows[0].keys() if rows else [])
    writer.writerows([tuple(r.values()) for r in rows])
    key = f"nightly/candidates-{date.today():%Y%m%d}.csv"
    session = aioboto3.Session()
    async with session.client("s3") as s3:
        await s3.put_object(Bucket=settings.backup_bucket, Key=key, Body=buf.getvalue().encode(), ServerSideEncryption="aws:kms", SSEKMSKeyId="alias/tx-waitlist")  # SAFE(storage): SSE-KMS on the backup object

    # Disaster-recovery copy in the second region (bucket created by the DR runbook, not Terraform).
    session_dr = aioboto3.Session(region_name="us-west-2")
    async with session_dr.client("s3") as s3_dr:
        await s3_dr.put_object(Bucket=f"{settings.backup_bucket}-dr", Key=key, Body=buf.getvalue().encode())  # LEAK(storage): DR copy written without server-side encryption
    await record_access(actor="system:nightly-backup", action="candidate.backup", target=None, outcome="ok")
    track_count("Nightly Backup Rows", len(rows))


async def reconcile_unet() -> None:  # LEAK(audit): reads every registration and pushes status to UNet without an audit record
    unet = UnetClient()
    rows = await pool().fetch("SELECT id, mrn, dob, unos_id, status, status_reason FROM candidates WHERE unos_id IS NOT NULL")
    seen: dict[str, int] = {}
    for row in rows:
        key = dedupe_key(row["mrn"], str(row["dob"]))
        if key in seen:
            log_event("unet.duplicate", mrn=row["mrn"], dob=str(row["dob"]), other=seen[key])  # LEAK(logging): MRN and DOB of duplicate registrations
            continue
        seen[key] = row["id"]
        await unet.submit_status(row["unos_id"], row["status"], row["status_reason"] or "")
    log.info("reconciled %d registrations", len(seen))


JOBS = {
    "consume": consume_offer_packets,
    "backup": nightly_backup,
    "reconcile": reconcile_unet,
}


async def main(name: str) -> None:
    configure_logging()
    await init_pool()
    await JOBS[name]()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1]))
