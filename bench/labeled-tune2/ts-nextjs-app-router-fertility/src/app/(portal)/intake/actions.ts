'use server';

import { createHmac } from 'crypto';
import { getServerSession } from 'next-auth';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { audit, authOptions } from '@/lib/auth';
import { logger } from '@/lib/logger';
import { prisma } from '@/lib/prisma';

const Intake = z.object({
  firstName: z.string().min(1),
  lastName: z.string().min(1),
  dob: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  email: z.string().email(),
  mrn: z.string().min(4),
  ssn: z.string().optional(),
  priorCycles: z.coerce.number().int().min(0).default(0),
  diagnosis: z.string().optional(),
});

function lookupKey(mrn: string) {
  return createHmac('sha256', process.env.LOOKUP_HMAC_KEY!).update(mrn.toUpperCase()).digest('hex'); // SAFE(crypto): keyed HMAC
}

export async function submitIntake(formData: FormData) {
  const session = await getServerSession(authOptions);
  if (!session?.user) throw new Error('unauthorized');
  const values = Object.fromEntries(formData);
  logger.debug({ values }, 'intake received'); // LEAK(logging): whole intake form (SSN, diagnosis) in the debug log
  const parsed = Intake.safeParse(values);
  if (!parsed.success) {
    cookies().set('intake_draft', JSON.stringify(values), { maxAge: 60 * 60 * 24 * 7 }); // LEAK(storage): unsaved intake (SSN, diagnosis) kept in a plain cookie for a week
    return { ok: false, errors: parsed.error.flatten().fieldErrors };
  }
  const { diagnosis, priorCycles, ...demo } = parsed.data;
  const patient = await prisma.patient.create({ data: { ...demo, mrnLookup: lookupKey(demo.mrn) } });
  await prisma.cycle.create({ data: { patientId: patient.id, protocol: 'consult', stage: 'intake', notes: `${diagnosis ?? ''}; prior cycles: ${priorCycles}` } });
  await audit('intake.submit', (session.user as any).id, patient.id);
  redirect(`/intake/thanks?name=${encodeURIComponent(demo.firstName)}&dob=${demo.dob}`); // LEAK(exposure): name and DOB placed in the redirect URL
}

export async function updatePartnerInfo(patientId: string, formData: FormData) { // LEAK(audit): changes partner identifiers without an audit call
  const session = await getServerSession(authOptions);
  if (!session?.user) throw new Error('unauthorized');
  await prisma.patient.update({
    where: { id: patientId },
    data: { partnerName: String(formData.get('partnerName') ?? ''), partnerSsn: String(formData.get('partnerSsn') ?? '') },
  });
  return { ok: true };
}
