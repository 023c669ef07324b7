import type { Env, RunReport } from '../env';
import { logEvent } from './log';

/** Pre-arrival notification so the ED can prepare a bay (stroke/STEMI/trauma alerts). */
export async function notifyHospital(env: Env, endpoint: string | undefined, run: RunReport, etaMinutes: number): Promise<void> {
  const url = endpoint ?? env.HOSPITAL_NOTIFY_DEFAULT;
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      unit: run.unit,
      eta: etaMinutes,
      age: ageFrom(run.patient.dob),
      sex: run.patient.sex,
      complaint: run.chiefComplaint,
      lastVitals: run.vitals.at(-1),
    }),
  });
  if (!res.ok) logEvent('warn', 'hospital prenotify failed', { status: res.status, unit: run.unit }); // SAFE(logging): status and unit number only
}

/** Supervisor channel in Microsoft Teams for high-acuity calls. */
export async function postSupervisorAlert(env: Env, run: RunReport): Promise<void> {
  const text = `**${run.chiefComplaint}** on ${run.unit}: ${run.patient.firstName} ${run.patient.lastName} (${run.patient.dob}), going to ${run.destination ?? 'TBD'}`;
  await fetch(env.TEAMS_WEBHOOK_URL, { method: 'POST', body: JSON.stringify({ text }) }); // LEAK(exposure): patient name, DOB and complaint posted to a Teams webhook
}

/** Legacy CAD bridge wants the disposition back on the incident. */
export async function pushDisposition(env: Env, run: RunReport): Promise<void> {
  await fetch(`${env.CAD_BRIDGE_URL}/${run.incidentNo}/disposition`, {
    method: 'PUT',
    body: JSON.stringify({ disposition: run.disposition, destination: run.destination, patient: run.patient }),
  });
}

export async function debugEcho(env: Env, payload: unknown): Promise<void> {
  await fetch(env.LOCAL_DEBUG_SINK, { method: 'POST', body: JSON.stringify(payload) });
}

function ageFrom(dob: string): number {
  const d = new Date(dob);
  return Math.floor((Date.now() - d.getTime()) / (365.25 * 24 * 3600 * 1000));
}
