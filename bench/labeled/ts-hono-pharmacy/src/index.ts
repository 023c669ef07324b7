import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { jwt, sign, verify } from 'hono/jwt';
import { drizzle } from 'drizzle-orm/d1';
import { eq } from 'drizzle-orm';
import * as Sentry from '@sentry/cloudflare';
import * as schema from './db/schema';
import rx from './routes/prescriptions';
import { auditTrail } from './lib/audit';
import { decryptField, verifyPartnerSignature, verifyPin } from './lib/crypto';
import { sendSms } from './lib/partners';
import type { AppEnv, Env, NotifyMsg } from './env';

const app = new Hono<AppEnv>();

app.use('*', async (c, next) => {
  c.set('db', drizzle(c.env.DB, { schema }));
  await next();
});

app.post('/auth/login', async (c) => {
  const { badge, pin } = await c.req.json<{ badge: string; pin: string }>();
  const staff = await c.env.DB.prepare('SELECT id, display_name, role, pin_hash FROM staff WHERE badge = ?1 AND active = 1')
    .bind(badge)
    .first<{ id: string; display_name: string; role: string; pin_hash: string }>();
  if (!staff || !(await verifyPin(pin, staff.pin_hash))) throw new HTTPException(401, { message: 'invalid credentials' });
  const now = Math.floor(Date.now() / 1000);
  const token = await sign(
    { sub: staff.id, name: staff.display_name, role: staff.role, exp: now + Number(c.env.STAFF_TOKEN_TTL_SECONDS) },
    c.env.JWT_SECRET,
  );
  return c.json({ token });
});

app.use('/api/*', (c, next) => jwt({ secret: c.env.JWT_SECRET })(c, next));
app.use('/api/*', async (c, next) => {
  const payload = c.get('jwtPayload' as never) as { sub: string; name: string };
  c.set('staffId', payload.sub);
  Sentry.setUser({ id: payload.sub, username: payload.name }); // SAFE(logging): pharmacist identity, workforce data
  await next();
});
app.route('/api', rx);

// Patient-facing refill confirmation (link from SMS)
app.post('/refill/:token', auditTrail('refill.confirm'), async (c) => {
  const claims = await verify(c.req.param('token'), c.env.JWT_SECRET);
  const row = await c.var.db.select().from(schema.patients).where(eq(schema.patients.id, String(claims.sub))).get();
  if (!row) throw new HTTPException(404);
  Sentry.setUser({ id: row.id, email: (await decryptField(c.env, row.emailEnc)) ?? undefined }); // LEAK(logging): patient email on every Sentry event
  await c.var.db.update(schema.prescriptions).set({ status: 'REFILL_REQUESTED' }).where(eq(schema.prescriptions.id, String(claims.rx)));
  return c.json({ ok: true });
});

app.post('/webhooks/pharmacy', auditTrail('pharmacy.status'), async (c) => {
  const raw = await c.req.text();
  if (!(await verifyPartnerSignature(raw, c.req.header('x-meridian-signature')))) throw new HTTPException(401);
  const evt = JSON.parse(raw) as { rxId: string; status: string };
  await c.var.db.update(schema.prescriptions).set({ status: evt.status }).where(eq(schema.prescriptions.id, evt.rxId));
  return c.body(null, 204);
});

app.onError((err, c) => {
  Sentry.captureException(err);
  if (err instanceof HTTPException) return err.getResponse();
  return c.json({ error: err.message, stack: err.stack }, 500); // LEAK(exposure): raw error text and stack in the response
});

const worker: ExportedHandler<Env, NotifyMsg> = {
  fetch: app.fetch,
  async queue(batch, env) {
    for (const msg of batch.messages) {
      const m = msg.body;
      try {
        const text = m.kind === 'refill'
          ? `Hi ${m.name.split(' ')[0]}, tap to request your refill: ${m.link}`
          : `Hi ${m.name.split(' ')[0]}, your prescription is ready for pickup.`;
        await sendSms(env, m.phone, text);
        msg.ack();
      } catch (err) {
        console.error('notify failed', m, err); // LEAK(logging): queue message with name, phone and drug
        msg.retry();
      }
    }
  },
};

export default Sentry.withSentry(
  (env: Env) => ({
    dsn: env.SENTRY_DSN,
    environment: env.ENVIRONMENT,
    sendDefaultPii: true, // LEAK(logging): request bodies, headers and IPs attached to Sentry events
    tracesSampleRate: 0.2,
  }),
  worker,
);
