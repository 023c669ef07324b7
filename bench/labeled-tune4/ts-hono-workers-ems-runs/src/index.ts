import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { logger } from 'hono/logger';
import { secureHeaders } from 'hono/secure-headers';
import type { AppEnv, Env } from './env';
import { audit } from './lib/audit';
import { requireCrew } from './lib/auth';
import { sentry } from './lib/sentry';
import { handleBillingBatch } from './queue';
import { billing } from './routes/billing';
import { crew } from './routes/crew';
import { handoff } from './routes/handoff';
import { lookup } from './routes/lookup';
import { runs } from './routes/runs';
import { submitToState } from './scheduled';

const app = new Hono<AppEnv>();

app.use('*', logger());
app.use('*', secureHeaders());
app.use('*', sentry);

app.route('/api/crew', crew);
app.use('/api/runs/*', requireCrew, audit());
app.route('/api/runs', runs);
app.use('/api/lookup/*', requireCrew, audit());
app.route('/api/lookup', lookup);
app.use('/api/billing/*', requireCrew);
app.route('/api/billing', billing);
app.route('/api/handoff', handoff);

app.onError((err, c) => {
  c.get('sentry')?.captureException(err); // LEAK(logging): HTTPException messages (name/DOB conflicts) are sent to Sentry as-is
  if (err instanceof HTTPException) {
    return c.json({ error: err.message }, err.status);
  }
  return c.json({ error: 'internal error' }, 500);
});

export default {
  fetch: app.fetch,
  async queue(batch: MessageBatch<any>, env: Env) {
    await handleBillingBatch(batch, env);
  },
  async scheduled(_evt: ScheduledEvent, env: Env, ctx: ExecutionContext) {
    ctx.waitUntil(submitToState(env));
  },
};
