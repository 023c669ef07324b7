import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';
import { prisma } from '@/lib/prisma';

export async function GET() { // LEAK(audit): full cycle export for the embryology lab, never audited
  const session = await getServerSession(authOptions);
  if (!session?.user) return new Response('unauthorized', { status: 401 });
  const cycles = await prisma.cycle.findMany({ include: { patient: true }, orderBy: { updatedAt: 'desc' } });
  const lines = cycles.map((c) =>
    [c.patient.mrn, c.patient.lastName, c.patient.firstName, c.patient.dob, c.protocol, c.stage, c.retrievalDate?.toISOString() ?? '', c.eggsRetrieved ?? '', c.embryosFrozen ?? ''].join(','),
  );
  return new Response(['mrn,last,first,dob,protocol,stage,retrieval,eggs,embryos', ...lines].join('\n'), {
    headers: { 'content-type': 'text/csv', 'content-disposition': 'attachment; filename="cycles.csv"' },
  });
}
