import { Kysely, PostgresDialect, type Generated } from 'kysely';
import pg from 'pg';
import type { H3Event } from 'h3';

interface PatientTable {
  id: Generated<string>;
  full_name: string;
  birth_date: string;
  email: string | null;
  phone: string | null;
  referral_diagnosis: string;
  payer_member_id: string | null;
  visits_authorized: number;
}

interface NoteTable {
  id: Generated<string>;
  patient_id: string;
  therapist_id: string;
  visit_date: string;
  subjective: string;
  objective: string;
  assessment: string;
  plan: string;
  pain_score: number;
}

interface AuditTable {
  id: Generated<number>;
  actor: string;
  action: string;
  path: string;
  resource_id: string | null;
  at: Generated<Date>;
}

export interface DB {
  patients: PatientTable;
  notes: NoteTable;
  audit_log: AuditTable;
}

let _db: Kysely<DB> | undefined;

export function useDb(): Kysely<DB> {
  if (_db) return _db;
  const { databaseUrl } = useRuntimeConfig();
  _db = new Kysely<DB>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: databaseUrl, ssl: { rejectUnauthorized: true } }) }),
    log(event) {
      if (event.level === 'error') {
        console.error('[db] query failed', event.query.sql, event.query.parameters, event.error); // LEAK(logging): failed queries logged with bound parameters (names, SOAP text)
      } else if (event.queryDurationMillis > 500) {
        console.warn('[db] slow query', event.query.sql, `${Math.round(event.queryDurationMillis)}ms`); // SAFE(logging): SQL text (placeholders only) and timing
      }
    }
  });
  return _db;
}

export async function recordAudit(event: H3Event, action: string, resourceId?: string) {
  const session = await getUserSession(event);
  await useDb()
    .insertInto('audit_log')
    .values({ actor: String(session.user?.id ?? 'anonymous'), action, path: event.path, resource_id: resourceId ?? null })
    .execute();
}
