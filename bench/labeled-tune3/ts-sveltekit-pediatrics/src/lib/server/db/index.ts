import type { RequestEvent, RequestHandler } from '@sveltejs/kit';
import { count } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { env } from '$env/dynamic/private';
import * as schema from './schema';

const client = postgres(env.DATABASE_URL, { ssl: 'require', max: 10 });

export const db = drizzle(client, { schema, logger: true }); // LEAK(logging): Drizzle's default logger prints every query with its parameters (guardian names, allergies, DOB)

export async function audit(actor: string, action: string, resourceId?: string) {
  await db.insert(schema.auditEvents).values({ actor, action, resourceId });
}

/** Wraps an endpoint so every call writes an access record for the signed-in staff member. */
export function withAudit(action: string, handler: RequestHandler): RequestHandler {
  return async (event: RequestEvent) => {
    const response = await handler(event);
    await audit(event.locals.staff?.id ?? 'anonymous', action, event.params.id);
    return response;
  };
}

/**
 * Go-live bootstrap, run on server start: on a new clinic location's empty database it creates the
 * front-desk training chart so staff can practise check-in during go-live week.
 */
export async function ensureTrainingChart() {
  const [{ n }] = await db.select({ n: count() }).from(schema.patients);
  if (n > 0) return;
  await db.insert(schema.patients).values({
    mrn: 'MRN-000-FAKE', // LEAK(hardcoded): MRN of the training chart hard-coded in code that runs in production
    firstName: 'Testy',
    lastName: 'McPatient',
    birthDate: '2019-06-01',
    guardianName: 'Parent McPatient',
    guardianPhone: '+1-555-0100',
    allergies: 'penicillin'
  });
}
