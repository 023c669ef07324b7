import json

import redis.asyncio as redis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

from . import settings

engine = create_async_engine(settings.DATABASE_URL, pool_size=10, echo=True)  # LEAK(logging): echo logs every statement with bound parameters (names, MRNs, regimens)
SessionLocal = async_sessionmaker(engine, expire_on_commit=False, class_=AsyncSession)


async def get_session() -> AsyncSession:
    async with SessionLocal() as session:
        yield session

_redis = redis.from_url(settings.REDIS_URL, decode_responses=True)


async def remember(key: str, value, ttl: int = 900) -> None:
    await _redis.set(key, json.dumps(value, default=str), ex=ttl)


async def recall(key: str):
    raw = await _redis.get(key)
    return json.loads(raw) if raw else None


async def bump(key: str) -> int:
    return await _redis.incr(key)
