const Redis = require('ioredis');

const redis = new Redis(process.env.CACHE_REDIS_URL, { tls: {} });

module.exports = {
  friendlyName: 'Cache',
  description: 'Tiny read-through cache used by the dashboard.',
  inputs: {
    key: { type: 'string', required: true },
    value: { type: 'ref' },
    ttl: { type: 'number', defaultsTo: 300 },
  },
  fn: async function ({ key, value, ttl }) {
    if (value === undefined) {
      const raw = await redis.get(key);
      return raw ? JSON.parse(raw) : null;
    }
    await redis.set(key, JSON.stringify(value), 'EX', ttl);
    return value;
  },
};
