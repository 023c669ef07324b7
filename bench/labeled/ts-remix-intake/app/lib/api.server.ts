import { PrismaClient } from '@prisma/client';
import Mixpanel from 'mixpanel';
import { config } from '~/config.server';

export const db = new PrismaClient();
const mixpanel = config.mixpanelToken ? Mixpanel.init(config.mixpanelToken, { protocol: 'https' }) : null;

export type IntakeValues = Record<string, string>;

export type Coverage = { active: boolean; planName: string; copay?: string };

export async function verifyCoverage(values: IntakeValues): Promise<Coverage> {
  const qs = new URLSearchParams({ memberId: values.memberId, dob: values.holderDob, lastName: values.lastName }); // LEAK(exposure): member id, DOB and surname in the query string
  const res = await fetch(`${config.eligibilityUrl}?${qs}`, { headers: { accept: 'application/json' } });
  if (!res.ok) {
    throw new Error(`eligibility check failed (${res.status}) for member ${values.memberId}`); // LEAK(logging): member id in exception text
  }
  return res.json();
}

export async function saveIntake(patientId: string, values: IntakeValues) {
  const row = await db.intake.create({
    data: {
      patientId,
      reason: values.reason,
      symptoms: values.symptoms,
      onset: values.onset,
      medications: values.medications,
      allergies: values.allergies,
      payer: values.payer,
      memberId: values.memberId,
      groupNumber: values.groupNumber,
    },
  });
  mixpanel?.track('intake_submitted', { distinct_id: patientId, reason: values.reason, zip: values.zip, payer: values.payer }); // LEAK(exposure): visit reason and ZIP to Mixpanel
  console.log(`intake ${row.id} submitted`); // SAFE(logging): surrogate id only
  return row;
}

export function getIntake(id: string) {
  return db.intake.findUnique({ where: { id }, include: { patient: true } });
}

export async function recordAccess(actor: string, action: string, intakeId: string) {
  await db.auditEvent.create({ data: { actor, action, intakeId, at: new Date() } });
}
