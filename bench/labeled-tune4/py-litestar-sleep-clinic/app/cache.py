import json
from typing import Any

from redis.asyncio import Redis

from app.config import settings

_redis: Redis | None = None


def client() -> Redis:
    global _redis
    if _redis is None:
        _redis = Redis.from_url(settings.redis_url, decode_responses=True)
    return _redis


async def remember(key: str, value: Any, ttl: int = 900) -> None:
    await client().set(key, json.dumps(value, default=str), ex=ttl)


async def recall(key: str) -> Any | None:
    raw = await client().get(key)
    return json.loads(raw) if raw else None


async def forget(key: str) -> None:
    await client().delete(key)
