import { createHash } from 'crypto';
import { NextResponse } from 'next/server';
import { withAudit } from '@/lib/auth';
import { prisma } from '@/lib/prisma';
import { cacheGet, cacheSet } from '@/lib/vendors';

export const GET = withAudit('patient.search', async (req) => {
  const lastName = req.nextUrl.searchParams.get('lastName') ?? '';
  const dob = req.nextUrl.searchParams.get('dob') ?? ''; // LEAK(exposure): DOB (with surname) carried in the query string
  const key = createHash('sha1').update(`${lastName.toLowerCase()}|${dob}`).digest('hex'); // LEAK(crypto): unkeyed SHA-1 of surname and DOB used as a cache key
  const hit = await cacheGet<string[]>(`search:${key}`);
  if (hit) return NextResponse.json({ ids: hit });
  const rows = await prisma.patient.findMany({ select: { id: true, lastName: true, dob: true } });
  const ids = rows.filter((r) => r.lastName.toLowerCase() === lastName.toLowerCase() && r.dob === dob).map((r) => r.id);
  await cacheSet(`search:${key}`, ids, 600);
  return NextResponse.json({ ids });
});
