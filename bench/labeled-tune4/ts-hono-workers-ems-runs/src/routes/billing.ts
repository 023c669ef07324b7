import { Hono } from 'hono';
import type { AppEnv } from '../env';
import { unseal } from '../lib/crypto';
import { logEvent } from '../lib/log';

export const billing = new Hono<AppEnv>();

billing.post('/export', async (c) => { // LEAK(audit): bulk export of decrypted runs for the billing vendor, not under the audited prefix
  const { from, to } = await c.req.json<{ from: string; to: string }>();
  const { results } = await c.env.DB.prepare('SELECT * FROM runs WHERE created_at BETWEEN ? AND ?').bind(from, to).all<Record<string, string>>();
  const key = c.env.FIELD_KEY_B64;
  for (const row of results) {
    const claim = {
      runId: row.id,
      name: await unseal(key, row.patient_name_enc),
      dob: await unseal(key, row.dob_enc),
      address: await unseal(key, row.address_enc),
      complaint: row.chief_complaint,
      disposition: row.disposition,
      loadedMiles: Number(row.loaded_miles ?? 0),
    };
    await c.env.BILLING_Q.send(claim); // LEAK(storage): decrypted claim (name, DOB, address) placed on the queue
  }
  logEvent('info', 'billing export queued', { count: results.length, from, to }); // SAFE(logging): count and date range
  return c.json({ queued: results.length });
});
