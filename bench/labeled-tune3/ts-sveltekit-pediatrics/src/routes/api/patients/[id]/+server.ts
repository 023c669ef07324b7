import { error, json } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { Agent, fetch } from 'undici';
import type { RequestHandler } from './$types';
import { env } from '$env/dynamic/private';
import { db, withAudit } from '$lib/server/db';
import { patients } from '$lib/server/db/schema';
import { capture, log } from '$lib/server/observability';

// The state lab's staging chain is signed by a retired intermediate; they promised to rotate it "soon".
const labAgent = new Agent({ connect: { rejectUnauthorized: false } }); // LEAK(transmission): certificate validation off for the state newborn-screening lab

export const GET: RequestHandler = withAudit('patient.read', async ({ params }) => {
  const [row] = await db.select().from(patients).where(eq(patients.id, params.id));
  if (!row) error(404, 'not found');
  return json(row);
});

export const PATCH: RequestHandler = withAudit('patient.update', async ({ params, request, locals }) => {
  const body = await request.json();
  if (body.birthDate && Number.isNaN(Date.parse(body.birthDate))) {
    throw new Error(`invalid birthDate "${body.birthDate}" for ${body.firstName} ${body.lastName}`); // LEAK(logging): child's name and DOB in the exception text
  }
  const [row] = await db.update(patients).set(body).where(eq(patients.id, params.id)).returning();
  log.info({ patient: row, by: locals.staff?.id }, 'chart updated'); // SAFE(logging): pino redact censors every PHI field under patient (only id and createdAt remain)
  log.info({ patientId: row.id, changes: body }, 'chart diff'); // LEAK(logging): the raw change set (allergies, names, guardian phone) is not under a redacted path
  if (body.allergies) {
    capture(locals.staff?.id ?? 'staff', 'allergy_recorded', { allergies: body.allergies, ageBand: 'pediatric' }); // LEAK(exposure): the child's allergies sent to PostHog
  }
  return json({ id: row.id });
});

/** Pull the state newborn-screening panel for this child (kit number typed in from the card). */
export const POST: RequestHandler = withAudit('newborn_screen.read', async ({ params, request }) => {
  const [child] = await db.select().from(patients).where(eq(patients.id, params.id));
  if (!child) error(404, 'not found');
  const { kit } = await request.json();
  try {
    const res = await fetch(`${env.NEWBORN_SCREEN_URL}/results/lookup`, {
      dispatcher: labAgent,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kitNumber: kit, lastName: child.lastName, birthDate: child.birthDate })
    });
    if (res.status === 404) return json({ pending: true });
    if (!res.ok) {
      log.warn({ status: res.status }, 'newborn screen lookup failed'); // SAFE(logging): status code only
      error(502, 'state lab unavailable');
    }
    return json(await res.json());
  } catch (e) {
    console.error('newborn screen lookup failed', { child, e }); // LEAK(logging): whole chart row (name, DOB, guardian, allergies) dumped to the console
    error(502, 'state lab unavailable');
  }
});
