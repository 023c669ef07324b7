'use strict';

const Redis = require('ioredis');

const redis = new Redis(process.env.REDIS_URL);

async function remember(key, value, ttlSeconds = 3600) {
  await redis.set(key, JSON.stringify(value), 'EX', ttlSeconds);
  return value;
}

async function recall(key) {
  const raw = await redis.get(key);
  return raw ? JSON.parse(raw) : null;
}

async function bump(key) {
  return redis.incr(key);
}

module.exports = { redis, remember, recall, bump };
