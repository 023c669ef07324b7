import { Hono } from 'hono';
import type { AppEnv } from '../env';
import { logEvent } from '../lib/log';

/** Crew-side lookups while on scene: prior encounters from the HIE. */
export const lookup = new Hono<AppEnv>();

lookup.get('/prior', async (c) => {
  const lastName = c.req.query('lastName') ?? ''; // LEAK(exposure): crew API takes last name and DOB in the query string (edge logs, Sentry)
  const dob = c.req.query('dob') ?? '';
  const res = await fetch(`${c.env.HIE_BASE_URL}/Patient?family=${encodeURIComponent(lastName)}&birthdate=${dob}`, { // LEAK(exposure): family name and birthdate in the HIE query string
    headers: { accept: 'application/fhir+json' },
  });
  const bundle = (await res.json()) as { total?: number; entry?: Array<{ resource: { id: string } }> };
  logEvent('debug', 'hie lookup', { lastName, dob, total: bundle.total }); // LEAK(logging): search name and DOB in debug log
  return c.json({ matches: (bundle.entry ?? []).map((e) => e.resource.id) });
});

lookup.get('/prior/:hieId/conditions', async (c) => {
  const res = await fetch(`${c.env.HIE_BASE_URL}/Condition?patient=${c.req.param('hieId')}&clinical-status=active`, { // SAFE(exposure): opaque HIE resource id in the URL
    headers: { accept: 'application/fhir+json' },
  });
  return c.json(await res.json());
});
