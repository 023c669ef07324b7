import { createMiddleware } from 'hono/factory';
import { Toucan } from 'toucan-js';
import type { AppEnv } from '../env';

export const sentry = createMiddleware<AppEnv>(async (c, next) => {
  const client = new Toucan({
    dsn: c.env.SENTRY_DSN,
    context: c.executionCtx,
    request: c.req.raw,
    environment: 'production',
    requestDataOptions: {
      allowedHeaders: ['user-agent', 'cf-ray'],
      allowedSearchParams: /(.*)/, // LEAK(logging): every query string (lastName, dob lookups) copied into Sentry events
    },
  });
  c.set('sentry', client);
  await next();
});
