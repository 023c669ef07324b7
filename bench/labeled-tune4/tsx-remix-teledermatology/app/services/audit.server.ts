import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { AuditEvent } from '../entities/AuditEvent';
import { em } from './db.server';
import { log } from './logger.server';
import { requireStaff, type Staff } from './session.server';

type Args = LoaderFunctionArgs | ActionFunctionArgs;

export async function recordAudit(actorId: number | undefined, action: string, target: string, ok: boolean) {
  const db = await em();
  db.create(AuditEvent, { actorId, action, target, ok });
  await db.flush();
}

/**
 * Wraps a loader/action: resolves the staff member, runs the handler and writes one audit row with the
 * route params as target. Every clinical route exports `loader = audited('case.view', ...)`.
 */
export function audited<T>(action: string, fn: (args: Args & { staff: Staff }) => Promise<T>) {
  return async (args: Args): Promise<T> => {
    const staff = await requireStaff(args.request);
    const target = Object.values(args.params).join('/') || '-';
    try {
      const out = await fn({ ...args, staff });
      await recordAudit(staff.id, action, target, true);
      return out;
    } catch (err) {
      await recordAudit(staff.id, action, target, false);
      log.warn(`audited handler ${action} failed for target ${target}`); // SAFE(logging): action name and case uuid
      throw err;
    }
  };
}
