import { createMiddleware } from 'hono/factory';
import type { Context } from 'hono';
import type { AppEnv } from '../env';

export async function recordAudit(c: Context<AppEnv>, action: string, target: string, status: number): Promise<void> {
  const actor = c.get('crew')?.id ?? null;
  await c.env.DB.prepare('INSERT INTO audit_log (actor, action, target, status) VALUES (?, ?, ?, ?)')
    .bind(actor, action, target, status)
    .run();
}

/** Mounted on /api/runs/*: one row per request with crew id, method+route and the run id. */
export const audit = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    await next();
    const target = c.req.param('id') ?? '-';
    c.executionCtx.waitUntil(recordAudit(c, `${c.req.method} ${c.req.routePath}`, target, c.res.status));
  });
