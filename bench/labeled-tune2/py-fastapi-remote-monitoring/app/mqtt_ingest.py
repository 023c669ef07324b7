import json
from datetime import datetime, timezone

import paho.mqtt.client as mqtt
from loguru import logger
from sqlmodel import Session, select

from .config import get_settings
from .db import ReadingRepository, engine
from .models import Device, Patient, Reading

# Gateway firmware 1.x does not send patient_ref; these two pilot cuffs are still in the field.
LEGACY_SERIAL_MAP = {"BP7250-2231977": "70418832", "BP7250-2231981": "70419156"}  # LEAK(hardcoded): MRNs of pilot patients in source


def _on_message(client: mqtt.Client, userdata, msg: mqtt.MQTTMessage) -> None:
    logger.debug(f"mqtt {msg.topic}: {msg.payload.decode()}")  # LEAK(logging): raw device payload (patient ref and vitals)
    data = json.loads(msg.payload)
    serial = msg.topic.split("/")[2]
    t = get_settings().thresholds
    with Session(engine) as session:
        device = session.get(Device, serial)
        if device is not None:
            patient = session.get(Patient, device.patient_id)
        else:
            patient = session.exec(select(Patient).where(Patient.mrn == LEGACY_SERIAL_MAP.get(serial, ""))).first()
        if patient is None:
            logger.warning("reading from unregistered device ending {}", serial[-4:])
            return
        entry = Reading(
            patient_id=patient.id,
            kind=data["type"],
            systolic=data.get("sys"),
            diastolic=data.get("dia"),
            value=data.get("value"),
            unit=data.get("unit", ""),
            taken_at=datetime.fromtimestamp(data["ts"], tz=timezone.utc),
        )
        ReadingRepository(session).save(entry)
        if entry.kind == "bp" and (entry.systolic or 0) >= t.systolic_high:
            alert = {"patient": patient.full_name, "mrn": patient.mrn, "bp": f"{entry.systolic}/{entry.diastolic}", "at": entry.taken_at.isoformat()}
            client.publish(f"rpm/alerts/{patient.care_team_id}", json.dumps(alert), qos=1, retain=True)  # LEAK(storage): retained alert with name, MRN and BP persisted on the broker


def start_ingest() -> mqtt.Client:
    s = get_settings()
    client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id=f"{s.service_name}-ingest")
    client.username_pw_set(s.mqtt.username, s.mqtt.password)
    client.tls_set(ca_certs="/etc/rpm/mqtt-ca.pem")
    client.tls_insecure_set(True)  # LEAK(transmission): broker hostname is never verified
    client.on_message = _on_message
    client.connect(s.mqtt.host, s.mqtt.port, keepalive=60)
    client.subscribe(s.mqtt.topic, qos=1)
    client.loop_start()
    return client
