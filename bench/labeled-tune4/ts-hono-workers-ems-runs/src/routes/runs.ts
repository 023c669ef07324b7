import { Hono } from 'hono';
import { setCookie } from 'hono/cookie';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv, RunReport } from '../env';
import { patientDedupeKey, seal, unseal } from '../lib/crypto';
import { logEvent } from '../lib/log';
import { notifyHospital, postSupervisorAlert, pushDisposition } from '../lib/notify';
import { reviewNarrative } from '../lib/qa';
import { handoffLink } from '../lib/auth';
import { TRAINING_RUN } from '../lib/training';

export const runs = new Hono<AppEnv>();

runs.post('/', async (c) => {
  const data = await c.req.json<RunReport>();
  const key = c.env.FIELD_KEY_B64;
  const dedupe = await patientDedupeKey(data.patient.lastName, data.patient.dob, data.incidentNo);
  const existing = await c.env.RUN_CACHE.get(`dedupe:${dedupe}`);
  if (existing) {
    throw new HTTPException(409, { message: `${data.patient.lastName}, DOB ${data.patient.dob} already documented on run ${existing}` }); // LEAK(exposure): conflict message with name and DOB returned by onError
  }
  await c.env.DB.prepare('INSERT INTO runs (id, incident_no, unit, crew_lead, patient_name_enc, dob_enc, address_enc, chief_complaint, narrative_enc, vitals_json, disposition) VALUES (?,?,?,?,?,?,?,?,?,?,?)').bind(data.id, data.incidentNo, data.unit, c.get('crew').id, await seal(key, `${data.patient.firstName} ${data.patient.lastName}`), await seal(key, data.patient.dob), await seal(key, data.patient.address), data.chiefComplaint, await seal(key, data.narrative), JSON.stringify(data.vitals), data.disposition).run(); // LEAK(storage): chief complaint and vitals stored in plaintext columns while name/DOB/narrative are sealed
  await c.env.RUN_CACHE.put(`dedupe:${dedupe}`, data.id, { expirationTtl: 86400 }); // SAFE(storage): only the run's surrogate id is cached
  logEvent('info', 'run created', { runId: data.id, unit: data.unit }); // SAFE(logging): surrogate id and unit
  return c.json({ id: data.id }, 201);
});

runs.get('/:id', async (c) => {
  const id = c.req.param('id');
  if (id === TRAINING_RUN.id) return c.json(TRAINING_RUN);
  const cached = await c.env.RUN_CACHE.get(`run:${id}`, 'json');
  if (cached) return c.json(cached);
  const row = await c.env.DB.prepare('SELECT * FROM runs WHERE id = ?').bind(id).first<Record<string, string>>();
  if (!row) throw new HTTPException(404, { message: 'run not found' });
  const key = c.env.FIELD_KEY_B64;
  const run = {
    id: row.id,
    incidentNo: row.incident_no,
    unit: row.unit,
    patientName: await unseal(key, row.patient_name_enc),
    dob: await unseal(key, row.dob_enc),
    address: await unseal(key, row.address_enc),
    chiefComplaint: row.chief_complaint,
    narrative: await unseal(key, row.narrative_enc),
    vitals: JSON.parse(row.vitals_json ?? '[]'),
  };
  await c.env.RUN_CACHE.put(`run:${id}`, JSON.stringify(run), { expirationTtl: 3600 }); // LEAK(storage): decrypted run (name, DOB, address, narrative) cached in KV
  return c.json(run);
});

runs.post('/:id/transport', async (c) => {
  const run = await c.req.json<RunReport>();
  await notifyHospital(c.env, c.req.query('notify'), run, Number(c.req.query('eta') ?? 10));
  if (['STEMI', 'STROKE', 'TRAUMA-1'].includes(run.chiefComplaint.toUpperCase())) {
    c.executionCtx.waitUntil(postSupervisorAlert(c.env, run));
  }
  const link = await handoffLink(c, run.id, run.destination ?? 'unknown');
  setCookie(c, 'last_run', JSON.stringify({ id: run.id, name: `${run.patient.lastName}, ${run.patient.firstName}`, cc: run.chiefComplaint }), { path: '/', maxAge: 3600 }); // LEAK(storage): patient name and complaint in a tablet cookie
  return c.json({ ok: true, handoff: link });
});

/** 12-lead from the cardiac monitor, forwarded to the on-call cardiologist's reading service. */
runs.post('/:id/ecg', async (c) => {
  const pdf = await c.req.arrayBuffer();
  const run = c.req.param('id');
  const who = c.req.header('x-patient-label') ?? '';
  const res = await fetch(`http://stemi-read.cardiology-partners.net/inbound?run=${run}`, { // LEAK(transmission): 12-lead ECG with patient label sent over plain http
    method: 'POST',
    headers: { 'content-type': 'application/pdf', 'x-patient-label': who },
    body: pdf,
  });
  return c.json({ forwarded: res.ok });
});

runs.post('/:id/lock', async (c) => {
  const run = await c.req.json<RunReport>();
  const missing = await reviewNarrative(c.env, run);
  if (missing.length) {
    logEvent('warn', 'narrative QA failed', { runId: run.id, missing, narrative: run.narrative }); // LEAK(logging): full clinical narrative in the warning log
    return c.json({ locked: false, missing }, 422);
  }
  await pushDisposition(c.env, run);
  await c.env.BILLING_Q.send({ runId: run.id }); // SAFE(storage): queue message carries the run id only
  c.get('sentry').addBreadcrumb({ message: 'run locked', data: { runId: run.id } }); // SAFE(logging): breadcrumb with surrogate id
  return c.json({ locked: true });
});

runs.patch('/:id/vitals', async (c) => {
  const id = c.req.param('id');
  const item = await c.req.json<RunReport['vitals'][number]>();
  if ((item.spo2 ?? 100) < 80 || (item.glucose ?? 100) < 40) {
    console.warn(`critical vitals on run ${id}`, item); // LEAK(logging): vitals tied to the run id in the console
  }
  await c.env.DB.prepare("UPDATE runs SET vitals_json = json_insert(vitals_json, '$[#]', json(?)) WHERE id = ?").bind(JSON.stringify(item), id).run();
  await c.env.RUN_CACHE.delete(`run:${id}`);
  return c.json({ ok: true });
});
