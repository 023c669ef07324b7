"""Mongo access for patients, episodes and visits."""
import asyncio
import datetime as dt
import json
import logging

from bson import ObjectId
from motor.motor_asyncio import AsyncIOMotorClient

from . import config
from .crypto import seal

log = logging.getLogger("riverbend.repo")


class Repository:
    def __init__(self, uri: str) -> None:
        self._db = AsyncIOMotorClient(uri, tls=True)[config.load()["mongo"]["database"]]

    async def insert(self, collection: str, doc: dict) -> str:
        log.debug("insert into %s: %s", collection, doc)  # LEAK(logging): whole patient/visit document logged at debug
        result = await self._db[collection].insert_one(doc)
        return str(result.inserted_id)

    async def find_one(self, collection: str, oid: str) -> dict | None:
        return await self._db[collection].find_one({"_id": ObjectId(oid)})

    async def find_by_email(self, email: str) -> dict | None:
        return await self._db.staff.find_one({"email": email.lower()})

    def audit_later(self, actor: str, action: str, resource_id: str | None) -> None:
        asyncio.ensure_future(self.audit(actor, action, resource_id))

    async def audit(self, actor: str, action: str, resource_id: str | None) -> None:
        await self._db.audit_log.insert_one(
            {"actor": actor, "action": action, "resource_id": resource_id, "at": dt.datetime.utcnow()}
        )


class PatientRepository(Repository):
    async def create(self, data: dict) -> str:
        doc = {
            "name": seal(data["name"]),
            "dob": seal(data["dob"]),
            "medicaid_id": seal(data["medicaid_id"]),
            "address": seal(data["address"]),
            "phone": seal(data["phone"]),
            "geo": seal(json.dumps(data["geo"])) if data.get("geo") else None,
            "created": dt.datetime.utcnow(),
        }
        return await self.insert("patients", doc)


class VisitRepository(Repository):
    async def record_visit(self, patient_id: str, clinician_id: str, payload: dict) -> str:
        doc = {
            "patient_id": patient_id,
            "clinician_id": clinician_id,
            "started": payload["started"],
            "ended": payload["ended"],
            "vitals": seal(str(payload["vitals"])),  # SAFE(storage): vitals sealed with Fernet before insert
            "wound_notes": payload["wound_notes"],  # LEAK(storage): wound assessment notes stored unsealed next to sealed vitals
            "gps": seal(json.dumps(payload["gps"])) if payload.get("gps") else None,
        }
        return await self.insert("visits", doc)
