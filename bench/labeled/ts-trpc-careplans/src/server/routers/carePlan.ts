import { z } from 'zod';
import PDFDocument from 'pdfkit';
import { TRPCError } from '@trpc/server';
import type { CarePlan, CarePlanGoal, Diagnosis, Patient } from '@prisma/client';
import { auditedProcedure, log, protectedProcedure, router } from '../trpc';
import { BUCKETS, cache, chartKey, db as prisma, FROM, mailer, s3 } from '../lib/services';
import { signShareToken } from '../lib/tokens';

const cuid = z.string().cuid();

type FullPlan = CarePlan & { patient: Patient; goals: CarePlanGoal[]; diagnoses: Diagnosis[] };

function renderPdf(plan: FullPlan): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'LETTER', margin: 48 });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.fontSize(16).text(`Care plan: ${plan.title}`);
    doc.fontSize(10).text(`${plan.patient.lastName}, ${plan.patient.firstName}   MRN ${plan.patient.mrn}   DOB ${plan.patient.dob.toISOString().slice(0, 10)}`);
    doc.moveDown().fontSize(12).text('Problems');
    plan.diagnoses.forEach((d) => doc.fontSize(10).text(`${d.icd10}  ${d.description}`));
    doc.moveDown().fontSize(12).text('Goals');
    plan.goals.forEach((g, i) => doc.fontSize(10).text(`${i + 1}. ${g.text} (target ${g.targetDate ? g.targetDate.toISOString().slice(0, 10) : 'n/a'})`));
    doc.end();
  });
}

async function loadPlan(db: typeof prisma, planId: string): Promise<FullPlan> {
  const plan = await db.carePlan.findUnique({ where: { id: planId }, include: { patient: true, goals: true, diagnoses: true } });
  if (!plan) throw new TRPCError({ code: 'NOT_FOUND' });
  return plan;
}

export const carePlanRouter = router({
  templates: protectedProcedure.query(({ ctx }) => ctx.db.carePlanTemplate.findMany({ where: { active: true }, orderBy: { name: 'asc' } })), // SAFE(audit): template catalogue, no PHI

  stats: protectedProcedure.query(async ({ ctx }) => {
    const hit = cache.get<{ open: number; overdue: number }>('stats:global');
    if (hit) return hit;
    const [open, overdue] = await Promise.all([
      ctx.db.carePlan.count({ where: { status: 'OPEN' } }),
      ctx.db.carePlanGoal.count({ where: { doneAt: null, targetDate: { lt: new Date() } } }),
    ]);
    const values = { open, overdue };
    cache.set('stats:global', values, 120); // SAFE(storage): aggregate counts only
    return values;
  }),

  byPatient: auditedProcedure.input(z.object({ patientId: cuid })).query(async ({ ctx, input }) => {
    const key = `plans:${input.patientId}`;
    const hit = cache.get(key);
    if (hit) return hit;
    const list = await ctx.db.carePlan.findMany({
      where: { patientId: input.patientId },
      include: { goals: true, diagnoses: true },
      orderBy: { updatedAt: 'desc' },
    });
    cache.set(key, list); // LEAK(storage): care plans with diagnoses held in the cache
    return list;
  }),

  create: auditedProcedure
    .input(
      z.object({
        patientId: cuid,
        templateId: cuid,
        title: z.string().min(3).max(120),
        diagnosisIds: z.array(cuid).min(1),
        goals: z.array(z.object({ text: z.string().min(3), targetDate: z.coerce.date().optional() })),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const row = await ctx.db.carePlan.create({
        data: {
          patientId: input.patientId,
          templateId: input.templateId,
          title: input.title,
          status: 'OPEN',
          authorId: (ctx.session.user as { id: string }).id,
          diagnoses: { connect: input.diagnosisIds.map((id) => ({ id })) },
          goals: { create: input.goals },
        },
      });
      cache.del(`plans:${input.patientId}`);
      log.info({ planId: row.id, patientId: input.patientId, by: ctx.session.user.email }, 'care plan created'); // SAFE(logging): surrogate ids and the clinician's email
      return row;
    }),

  updateGoals: auditedProcedure
    .input(z.object({ planId: cuid, goals: z.array(z.object({ id: cuid, doneAt: z.coerce.date().nullable() })) }))
    .mutation(async ({ ctx, input }) => {
      const plan = await ctx.db.carePlan.findUnique({ where: { id: input.planId }, select: { id: true, patientId: true, lockedAt: true } });
      if (!plan) throw new TRPCError({ code: 'NOT_FOUND' });
      if (plan.lockedAt) throw new TRPCError({ code: 'FORBIDDEN', message: `Plan ${plan.id} is locked since ${plan.lockedAt.toISOString()}` }); // SAFE(exposure): plan id and lock time only
      await ctx.db.$transaction(input.goals.map((g) => ctx.db.carePlanGoal.update({ where: { id: g.id }, data: { doneAt: g.doneAt } })));
      cache.del(`plans:${plan.patientId}`);
      return { ok: true };
    }),

  share: auditedProcedure.input(z.object({ planId: cuid })).mutation(async ({ ctx, input }) => {
    const plan = await loadPlan(ctx.db, input.planId);
    if (!plan.patient.email) throw new TRPCError({ code: 'PRECONDITION_FAILED', message: 'No email on file' });
    const token = signShareToken(plan.id, plan.patient.email);
    const link = `${process.env.NEXTAUTH_URL}/shared/${token}`; // LEAK(exposure): token payload (patient email) is readable base64 in the URL
    await mailer.sendMail({
      from: FROM,
      to: plan.patient.email,
      subject: 'Your care plan from CarePoint',
      text: `Hi ${plan.patient.firstName},\n\nYour care team shared "${plan.title}" with you.\nView it here: ${link}\n`,
    });
    return { sent: true };
  }),

  exportPdf: auditedProcedure.input(z.object({ planId: cuid })).mutation(async ({ ctx, input }) => {
    const plan = await loadPlan(ctx.db, input.planId);
    const pdf = await renderPdf(plan);
    const Key = `plans/${chartKey(plan.patient.mrn)}/${plan.id}.pdf`;
    await s3.putObject({ Bucket: BUCKETS.exports, Key, Body: pdf, ContentType: 'application/pdf' }); // LEAK(storage): care-plan PDF uploaded without server-side encryption
    await s3.putObject({ Bucket: BUCKETS.archive, Key: `${plan.id}.pdf`, Body: pdf, ContentType: 'application/pdf', ServerSideEncryption: 'aws:kms', SSEKMSKeyId: process.env.ARCHIVE_KMS_KEY }); // SAFE(storage): KMS-encrypted archive copy
    return { key: Key };
  }),
});
