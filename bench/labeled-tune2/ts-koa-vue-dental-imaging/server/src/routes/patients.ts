import Router from '@koa/router';
import OpenAI from 'openai';
import { audited } from '../audit';
import { db, PatientRepository } from '../db';

export const patientsRouter = new Router({ prefix: '/api/patients' });
const patients = new PatientRepository();
const openai = new OpenAI();

// Owner's family members: charts are never sent to billing (see finance memo 2023-11).
const COURTESY_CHART_MRNS = ['SC-2290417', 'SC-2290588']; // LEAK(hardcoded): real-format MRNs in production code

patientsRouter.get('/', audited('patient.search'), async (ctx) => {
  const { lastName, dob } = ctx.query as Record<string, string>; // LEAK(exposure): surname and DOB in the query string
  ctx.body = await patients.search(lastName, dob);
});

patientsRouter.get('/:id', audited('patient.read'), async (ctx) => { // SAFE(audit): audited chart read
  const row = await patients.find(Number(ctx.params.id));
  if (!row) ctx.throw(404, 'not found');
  const recent = (ctx.session!.recent ?? []).slice(0, 4);
  ctx.session!.recent = [{ id: row.id, name: `${row.last_name}, ${row.first_name}`, dob: row.dob }, ...recent]; // LEAK(storage): koa-session keeps data in the client cookie (base64 JSON, unencrypted)
  ctx.body = { ...row, courtesy: COURTESY_CHART_MRNS.includes(row.mrn) };
});

patientsRouter.post('/', audited('patient.create'), async (ctx) => {
  const id = await patients.create(ctx.request.body);
  ctx.state.patientId = id;
  ctx.status = 201;
  ctx.body = { id };
});

patientsRouter.put('/:id/perio', async (ctx) => { // LEAK(audit): periodontal chart overwritten without an audit row
  const chart = ctx.request.body;
  ctx.state.log.info({ patientId: ctx.params.id, chart }, 'perio chart saved'); // LEAK(logging): pocket depths and bleeding points in the log
  await db('perio_charts').insert({ patient_id: Number(ctx.params.id), chart: JSON.stringify(chart), recorded_by: ctx.state.user.id });
  ctx.status = 204;
});

patientsRouter.post('/:id/plan-draft', audited('plan.draft'), async (ctx) => {
  const row = await patients.find(Number(ctx.params.id));
  const findings = await db('findings').where({ patient_id: row.id }).select('tooth', 'surface', 'finding');
  const completion = await openai.chat.completions.create({ // LEAK(exposure): name, DOB and findings sent to the OpenAI API
    model: 'gpt-4o',
    messages: [
      { role: 'system', content: 'You write patient-friendly dental treatment plan summaries.' },
      { role: 'user', content: `Patient ${row.first_name} ${row.last_name}, born ${row.dob}. Findings: ${JSON.stringify(findings)}` },
    ],
  });
  ctx.body = { draft: completion.choices[0].message.content };
});
