import { Hono } from 'hono';
import type { AppEnv } from '../env';
import { recordAudit } from '../lib/audit';
import { unseal } from '../lib/crypto';
import { hospitalClaims } from '../lib/auth';

/** ED handoff view opened from the hospital tracking board (outside /api/runs, so no audit middleware). */
export const handoff = new Hono<AppEnv>();

handoff.use('*', hospitalClaims);

handoff.get('/:runId', async (c) => { // LEAK(audit): hospital staff read the full run here and nothing is audited
  const row = await c.env.DB.prepare('SELECT * FROM runs WHERE id = ?').bind(c.req.param('runId')).first<Record<string, string>>();
  if (!row) return c.notFound();
  const key = c.env.FIELD_KEY_B64;
  return c.json({
    name: await unseal(key, row.patient_name_enc),
    dob: await unseal(key, row.dob_enc),
    complaint: row.chief_complaint,
    narrative: await unseal(key, row.narrative_enc),
    vitals: JSON.parse(row.vitals_json ?? '[]'),
    unit: row.unit,
  });
});

handoff.post('/:runId/ack', async (c) => { // SAFE(audit): records the acknowledgement through recordAudit
  const runId = c.req.param('runId');
  const { receivingRn } = await c.req.json<{ receivingRn: string }>();
  await c.env.DB.prepare("UPDATE runs SET destination = destination || ' (acked)' WHERE id = ?").bind(runId).run();
  await recordAudit(c, 'handoff.ack', runId, 200);
  return c.json({ ok: true, receivingRn });
});
