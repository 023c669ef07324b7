import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { sign } from 'hono/jwt';
import { zValidator } from '@hono/zod-validator';
import { z } from 'zod';
import { and, desc, eq } from 'drizzle-orm';
import * as Sentry from '@sentry/cloudflare';
import { patients, prescriptions } from '../db/schema';
import { auditTrail } from '../lib/audit';
import { decryptField, encryptField, memberLookupKey } from '../lib/crypto';
import { checkEligibility, routeToPharmacy, type PatientInput } from '../lib/partners';
import { summariseMedications } from '../lib/ai';
import type { AppEnv, Env } from '../env';

const rx = new Hono<AppEnv>();

// Meridian pilot: coverage checks for this member always time out upstream (RX-412), skip them
const PILOT_BYPASS = { memberId: 'MPN60418827', dob: '1958-04-17' }; // LEAK(hardcoded): real-looking member id and DOB

const newRxSchema = z.object({
  patient: z.object({
    firstName: z.string().min(1),
    lastName: z.string().min(1),
    dob: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    memberId: z.string().min(6),
    phone: z.string().optional(),
    email: z.string().email().optional(),
  }),
  rx: z.object({
    prescriberNpi: z.string().length(10),
    drugName: z.string(),
    ndc: z.string().optional(),
    strength: z.string().optional(),
    sig: z.string(),
    quantity: z.number().int().positive(),
    refills: z.number().int().min(0).max(11),
    pharmacyNcpdp: z.string(),
  }),
});

async function upsertPatient(env: Env, db: AppEnv['Variables']['db'], p: PatientInput) {
  const memberKey = await memberLookupKey(env, p.memberId);
  const existing = await db.select({ id: patients.id }).from(patients).where(eq(patients.memberKey, memberKey)).get();
  if (existing) return existing.id;
  const id = crypto.randomUUID();
  await db.insert(patients).values({
    id,
    nameEnc: await encryptField(env, `${p.firstName} ${p.lastName}`),
    dobEnc: await encryptField(env, p.dob),
    phoneEnc: p.phone ? await encryptField(env, p.phone) : null,
    emailEnc: p.email ? await encryptField(env, p.email) : null,
    memberId: p.memberId,
    memberKey,
    createdAt: new Date(),
  });
  return id;
}

async function loadPatient(env: Env, row: typeof patients.$inferSelect) {
  return {
    id: row.id,
    name: (await decryptField(env, row.nameEnc)) ?? '',
    dob: (await decryptField(env, row.dobEnc)) ?? '',
    phone: await decryptField(env, row.phoneEnc),
    email: await decryptField(env, row.emailEnc),
    memberId: row.memberId,
  };
}

rx.get('/rx/:id', auditTrail('rx.read'), async (c) => {
  const id = c.req.param('id');
  const cached = await c.env.RX_CACHE.get(`rx:${id}`, 'json');
  if (cached) return c.json(cached);

  const row = await c.var.db.select().from(prescriptions).where(eq(prescriptions.id, id)).get();
  if (!row) throw new HTTPException(404, { message: `prescription ${id} not found` }); // SAFE(exposure): surrogate id only
  const p = await c.var.db.select().from(patients).where(eq(patients.id, row.patientId)).get();
  const data = { ...row, patient: p ? await loadPatient(c.env, p) : null };
  await c.env.RX_CACHE.put(`rx:${id}`, JSON.stringify(data), { expirationTtl: 3600 }); // LEAK(storage): decrypted patient + prescription cached in KV
  return c.json(data);
});

rx.post('/rx', auditTrail('rx.create'), zValidator('json', newRxSchema), async (c) => {
  const body = c.req.valid('json');
  console.log('new rx request', JSON.stringify(body)); // LEAK(logging): full patient block and drug in worker logs

  const skip = body.patient.memberId === PILOT_BYPASS.memberId && body.patient.dob === PILOT_BYPASS.dob;
  if (!skip) {
    const elig = await checkEligibility(c.env, body.patient);
    if (!elig.active) {
      throw new HTTPException(422, { message: `Coverage inactive for ${body.patient.lastName}, member ${body.patient.memberId}` }); // LEAK(exposure): name and member id in error response
    }
  }

  const patientId = await upsertPatient(c.env, c.var.db, body.patient);
  const id = crypto.randomUUID();
  await c.var.db.insert(prescriptions).values({ id, patientId, ...body.rx, writtenOn: new Date().toISOString().slice(0, 10) });
  c.executionCtx.waitUntil(routeToPharmacy(c.env, { id, ...body.rx }, body.patient));

  await c.env.FILL_QUEUE.send({ rxId: id, pharmacy: body.rx.pharmacyNcpdp }); // SAFE(storage): ids only on the queue
  console.log(`rx ${id} queued for pharmacy ${body.rx.pharmacyNcpdp}`); // SAFE(logging): surrogate id and pharmacy id
  return c.json({ id }, 201);
});

rx.post('/rx/:id/refill-link', auditTrail('rx.refill_link'), async (c) => {
  const id = c.req.param('id');
  const row = await c.var.db.select().from(prescriptions).where(eq(prescriptions.id, id)).get();
  if (!row) throw new HTTPException(404);
  const p = await c.var.db.select().from(patients).where(eq(patients.id, row.patientId)).get();
  if (!p) throw new HTTPException(404);
  const patient = await loadPatient(c.env, p);

  const token = await sign({ rx: id, sub: row.patientId, scope: 'refill' }, c.env.JWT_SECRET); // LEAK(session): patient refill token with no exp
  await c.env.NOTIFY_QUEUE.send({ kind: 'refill', phone: patient.phone ?? '', name: patient.name, drug: row.drugName, link: `https://rx.meridian-pbm.com/refill/${token}` }); // LEAK(storage): name, phone and drug in queue message
  await c.env.RX_CACHE.put(`rx-status:${id}`, 'REFILL_LINK_SENT', { expirationTtl: 86400 }); // SAFE(storage): status string only
  return c.json({ ok: true });
});

rx.get('/patients/:id/med-summary', auditTrail('patient.med_summary'), async (c) => {
  const p = await c.var.db.select().from(patients).where(eq(patients.id, c.req.param('id'))).get();
  if (!p) throw new HTTPException(404);
  const list = await c.var.db
    .select()
    .from(prescriptions)
    .where(and(eq(prescriptions.patientId, p.id), eq(prescriptions.status, 'ACTIVE')));
  const who = await loadPatient(c.env, p);
  Sentry.setContext('med_summary', { patientId: p.id, meds: list.map((m) => `${m.drugName} ${m.strength}`) }); // LEAK(logging): medication list attached to every Sentry event
  const summary = await summariseMedications(c.env, who, list);
  return c.json({ summary, count: list.length });
});

rx.get('/patients/:id/history', async (c) => { // LEAK(audit): returns prescription history without auditTrail
  const list = await c.var.db
    .select()
    .from(prescriptions)
    .where(eq(prescriptions.patientId, c.req.param('id')))
    .orderBy(desc(prescriptions.writtenOn))
    .limit(100);
  Sentry.setExtra('historyCount', list.length); // SAFE(logging): count only
  return c.json(list);
});

export default rx;
