import { json } from '@sveltejs/kit';
import { asc, eq } from 'drizzle-orm';
import { writeFile, mkdir } from 'node:fs/promises';
import type { RequestHandler } from './$types';
import { db, withAudit } from '$lib/server/db';
import { growthMeasurements, patients } from '$lib/server/db/schema';
import { capture } from '$lib/server/observability';

export const POST: RequestHandler = withAudit('growth.record', async ({ params, request, locals }) => {
  const m = await request.json();
  const [row] = await db
    .insert(growthMeasurements)
    .values({ patientId: params.id, measuredOn: m.measuredOn, ageMonths: m.ageMonths, weightKg: m.weightKg, lengthCm: m.lengthCm, headCm: m.headCm, bmiPercentile: m.bmiPercentile })
    .returning({ id: growthMeasurements.id });
  capture(locals.staff?.id ?? 'staff', 'growth_measured', { measurementCount: 1 }); // SAFE(exposure): a count, no measurement values
  return json({ id: row.id }, { status: 201 });
});

export const GET: RequestHandler = async ({ params, url }) => { // LEAK(audit): exports the full growth history without withAudit
  const [child] = await db.select().from(patients).where(eq(patients.id, params.id));
  const rows = await db.select().from(growthMeasurements).where(eq(growthMeasurements.patientId, params.id)).orderBy(asc(growthMeasurements.measuredOn));
  const csv = ['date,age_months,weight_kg,length_cm,head_cm,bmi_pct', ...rows.map((r) => [r.measuredOn, r.ageMonths, r.weightKg, r.lengthCm, r.headCm, r.bmiPercentile].join(','))].join('\n');
  if (url.searchParams.get('publish') === '1') {
    await mkdir('static/exports', { recursive: true });
    await writeFile(`static/exports/${child.lastName}-${child.firstName}-growth.csv`, csv); // LEAK(storage): growth chart written unencrypted under static/, named after the child
  }
  return new Response(csv, { headers: { 'content-type': 'text/csv' } });
};
