import { NextResponse } from 'next/server';
import { withAudit } from '@/lib/auth';
import { prisma } from '@/lib/prisma';
import { cacheGet, cacheSet } from '@/lib/vendors';

type Ctx = { params: { patientId: string } };
type LabResult = { code: string; name: string; value: number; unit: string; collectedAt: string };

export const GET = withAudit<Ctx>('results.read', async (_req, { params }) => {
  const cached = await cacheGet<LabResult[]>(`results:${params.patientId}`);
  if (cached) return NextResponse.json(cached);
  const patient = await prisma.patient.findUnique({ where: { id: params.patientId } });
  if (!patient) return NextResponse.json({ error: 'not found' }, { status: 404 });
  const res = await fetch(`${process.env.LAB_FEED_URL}/patients/${patient.mrnLookup}/results`, { cache: 'no-store' });
  if (!res.ok) {
    return NextResponse.json({ error: `No lab results for ${patient.firstName} ${patient.lastName} (MRN ${patient.mrn})` }, { status: 502 }); // LEAK(exposure): name and MRN in the error body
  }
  const results: LabResult[] = await res.json();
  await cacheSet(`results-count:${params.patientId}`, results.length, 300); // SAFE(storage): a count only
  results.sort((a, b) => b.collectedAt.localeCompare(a.collectedAt));
  const latest = results.slice(0, 50);
  await cacheSet(`results:${params.patientId}`, latest, 86400); // LEAK(storage): AMH, estradiol and hCG values cached in Vercel KV for a day
  return NextResponse.json(latest);
});
