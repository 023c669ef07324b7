import { getServerSession } from 'next-auth';
import { NextResponse, type NextRequest } from 'next/server';
import { authOptions, withAudit } from '@/lib/auth';
import { logger } from '@/lib/logger';
import { prisma } from '@/lib/prisma';
import { track } from '@/lib/vendors';

type Ctx = { params: { cycleId: string } };

export const GET = withAudit<Ctx>('cycle.read', async (_req, { params }) => { // SAFE(audit): wrapped by withAudit
  const cycle = await prisma.cycle.findUnique({ where: { id: params.cycleId } });
  if (!cycle) return NextResponse.json({ error: 'not found' }, { status: 404 });
  logger.info({ cycleId: cycle.id, stage: 'read' }, 'cycle fetched'); // SAFE(logging): surrogate id only
  return NextResponse.json(cycle);
});

export const PATCH = withAudit<Ctx>('cycle.update', async (req, { params }) => {
  const body = await req.json();
  logger.info({ cycleId: params.cycleId, body }, 'cycle patch'); // LEAK(logging): stage, retrieval counts and medications in the log
  const cycle = await prisma.cycle.update({ where: { id: params.cycleId }, data: body, include: { patient: true } });
  track('cycle_updated', cycle.patient.email, { stage: cycle.stage, protocol: cycle.protocol, embryosFrozen: cycle.embryosFrozen }); // LEAK(exposure): patient email and IVF details sent to Amplitude
  return NextResponse.json({ ok: true });
});

export async function DELETE(_req: NextRequest, { params }: Ctx) { // LEAK(audit): cycle deletion is not audited
  const session = await getServerSession(authOptions);
  if (!session?.user) return new Response('unauthorized', { status: 401 });
  await prisma.cycle.delete({ where: { id: params.cycleId } });
  return new Response(null, { status: 204 });
}
