"""asyncpg pool and the candidate / offer repositories."""
from __future__ import annotations

import json
from typing import Any

import asyncpg
import redis.asyncio as aioredis

from .config import settings
from .crypto import pseudonym, seal, unseal

_pool: asyncpg.Pool | None = None
cache = aioredis.from_url(settings.redis_url, decode_responses=True)


async def init_pool() -> asyncpg.Pool:
    global _pool
    _pool = await asyncpg.create_pool(settings.database_url, min_size=2, max_size=10)
    return _pool


def pool() -> asyncpg.Pool:
    assert _pool is not None, "pool not initialised"
    return _pool


def _row(record: asyncpg.Record | None) -> dict[str, Any] | None:
    if record is None:
        return None
    data = dict(record)
    data["ssn"] = unseal(data.pop("ssn_sealed", None))
    data["phone"] = unseal(data.pop("phone_sealed", None))
    return data


class CandidateRepo:
    async def get(self, candidate_id: int) -> dict[str, Any] | None:
        cached = await cache.get(f"cand:{candidate_id}")
        if cached:
            return json.loads(cached)
        rec = _row(await pool().fetchrow("SELECT * FROM candidates WHERE id = $1", candidate_id))
        if rec:
            await cache.set(f"cand:{candidate_id}", json.dumps(rec, default=str), ex=3600)  # LEAK(storage): whole candidate incl. unsealed SSN cached in redis
        return rec

    async def list_active(self, organ: str) -> list[dict[str, Any]]:
        rows = await pool().fetch(
            "SELECT * FROM candidates WHERE organ = $1 AND status IN ('active', 'temp_inactive') ORDER BY listed_at",
            organ,
        )
        return [_row(r) for r in rows]

    async def create(self, data: dict[str, Any]) -> int:
        return await pool().fetchval(  # LEAK(storage): diagnosis and dialysis notes written to plaintext columns while SSN/phone are sealed
            """
            INSERT INTO candidates (mrn, first_name, last_name, dob, ssn_sealed, phone_sealed,
                                    organ, abo, primary_diagnosis, dialysis_notes, meld, status)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'active')
            RETURNING id
            """,
            data["mrn"], data["first_name"], data["last_name"], data["dob"],
            seal(data.get("ssn")), seal(data.get("phone")),
            data["organ"], data["abo"], data.get("primary_diagnosis"), data.get("dialysis_notes"), data.get("meld"),
        )

    async def update_status(self, candidate_id: int, status: str, reason_code: str) -> None:
        await pool().execute(
            "UPDATE candidates SET status = $2, status_reason = $3, updated_at = now() WHERE id = $1",
            candidate_id, status, reason_code,
        )
        await cache.delete(f"cand:{candidate_id}")

    async def update_contact(self, candidate_id: int, phone: str) -> None:
        await pool().execute("UPDATE candidates SET phone_sealed = $2 WHERE id = $1", candidate_id, seal(phone))  # SAFE(storage): phone sealed with Fernet

    async def remember_match_rank(self, mrn: str, rank: int) -> None:
        await cache.set(f"rank:{pseudonym(mrn)}", rank, ex=600)  # SAFE(storage): keyed pseudonym and an integer rank


class OfferRepo:
    async def create(self, offer: dict[str, Any]) -> int:
        return await pool().fetchval(
            "INSERT INTO offers (candidate_id, donor_id, unos_match_id, organ, offered_at, status) "
            "VALUES ($1, $2, $3, $4, now(), 'pending') RETURNING id",
            offer["candidate_id"], offer["donor_id"], offer["match_id"], offer["organ"],
        )

    async def get(self, offer_id: int) -> dict[str, Any] | None:
        rec = await pool().fetchrow(
            "SELECT o.*, c.mrn, c.first_name, c.last_name, c.dob, c.abo, c.primary_diagnosis "
            "FROM offers o JOIN candidates c ON c.id = o.candidate_id WHERE o.id = $1",
            offer_id,
        )
        return dict(rec) if rec else None

    async def set_decision(self, offer_id: int, decision: str, code: str) -> None:
        await pool().execute(
            "UPDATE offers SET status = $2, decline_code = $3, decided_at = now() WHERE id = $1",
            offer_id, decision, code,
        )

    async def save_crossmatch(self, offer_id: int, result: dict[str, Any]) -> None:
        await pool().execute(
            "UPDATE offers SET crossmatch = $2 WHERE id = $1", offer_id, json.dumps(result)
        )


candidates = CandidateRepo()
offers = OfferRepo()
