import type { Context, Next } from 'koa';
import { db } from './db';

/** koa-router middleware: records who touched which chart, after the handler ran. */
export function audited(action: string) {
  return async (ctx: Context, next: Next) => {
    await next();
    await db('audit_log').insert({
      user_id: ctx.state.user?.id ?? null,
      action,
      patient_id: ctx.params?.id ?? ctx.state.patientId ?? null,
      image_id: ctx.params?.imageId ?? null,
      status: ctx.status,
      at: db.fn.now(),
    });
  };
}
