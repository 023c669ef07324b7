import { createMiddleware } from 'hono/factory';
import { auditLog } from '../db/schema';
import type { AppEnv } from '../env';

export const auditTrail = (action: string) =>
  createMiddleware<AppEnv>(async (c, next) => {
    await next();
    c.executionCtx.waitUntil(
      c.var.db
        .insert(auditLog)
        .values({
          actor: c.get('staffId') ?? 'anonymous',
          action,
          resource: c.req.param('id') ?? null,
          status: c.res.status,
          at: Date.now(),
        })
        .run(),
    );
  });
