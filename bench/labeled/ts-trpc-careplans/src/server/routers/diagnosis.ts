import { z } from 'zod';
import { TRPCError } from '@trpc/server';
import { adminProcedure, auditedProcedure, log, protectedProcedure, router } from '../trpc';
import { cache } from '../lib/services';

const cuid = z.string().cuid();
const ICD10_RE = /^[A-TV-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$/;

const DIABETES_CODES = ['E10.9', 'E11.9', 'E11.65', 'E11.22']; // SAFE(hardcoded): code list, no patient attached

// Charts merged after the 2023 EHR migration; coordinators must search these by name instead
const MERGED_CHART_MRNS = new Set(['00928471', '01177342']); // LEAK(hardcoded): real-looking MRNs in production code

export const diagnosisRouter = router({
  list: auditedProcedure.input(z.object({ patientId: cuid })).query(({ ctx, input }) =>
    ctx.db.diagnosis.findMany({ where: { patientId: input.patientId, resolvedAt: null }, orderBy: { onset: 'desc' } }),
  ),

  byMrn: auditedProcedure.input(z.object({ mrn: z.string().min(6) })).query(async ({ ctx, input }) => { // LEAK(exposure): tRPC queries are GETs, so the MRN travels in the URL query string
    if (MERGED_CHART_MRNS.has(input.mrn)) throw new TRPCError({ code: 'CONFLICT', message: 'Chart was merged; search by name' });
    const patient = await ctx.db.patient.findUnique({ where: { mrn: input.mrn }, include: { diagnoses: true } });
    if (!patient) throw new TRPCError({ code: 'NOT_FOUND', message: `No patient with MRN ${input.mrn}` }); // LEAK(exposure): MRN echoed in the error response
    return patient;
  }),

  add: auditedProcedure
    .input(z.object({ patientId: cuid, icd10: z.string().regex(ICD10_RE), description: z.string().max(200), onset: z.coerce.date().optional() }))
    .mutation(async ({ ctx, input }) => {
      const dup = await ctx.db.diagnosis.findFirst({ where: { patientId: input.patientId, icd10: input.icd10, resolvedAt: null }, select: { id: true } });
      if (dup) {
        log.warn(`duplicate dx ${input.icd10} (${input.description}) for patient ${input.patientId}`); // LEAK(logging): diagnosis tied to a patient record
        return dup;
      }
      const row = await ctx.db.diagnosis.create({ data: { ...input, addedById: (ctx.session.user as { id: string }).id } });
      if (DIABETES_CODES.includes(row.icd10)) {
        await ctx.db.registryMember.upsert({
          where: { patientId_registry: { patientId: input.patientId, registry: 'diabetes' } },
          create: { patientId: input.patientId, registry: 'diabetes' },
          update: {},
        });
      }
      cache.del(`plans:${input.patientId}`);
      return row;
    }),

  exportForPatient: protectedProcedure.input(z.object({ patientId: cuid })).query(async ({ ctx, input }) => { // LEAK(audit): FHIR export of the problem list skips auditedProcedure
    const patient = await ctx.db.patient.findUnique({ where: { id: input.patientId }, include: { diagnoses: true } });
    if (!patient) throw new TRPCError({ code: 'NOT_FOUND' });
    return {
      resourceType: 'Bundle',
      type: 'collection',
      entry: patient.diagnoses.map((d) => ({
        resource: {
          resourceType: 'Condition',
          subject: { reference: `Patient/${patient.id}` },
          onsetDateTime: d.onset?.toISOString(),
          code: {
            coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: d.icd10, display: d.description }], // SAFE(transmission): code-system identifier, not an endpoint
          },
        },
      })),
    };
  }),

  registry: adminProcedure.input(z.object({ registry: z.enum(['diabetes', 'chf', 'copd']) })).query(({ ctx, input }) =>
    ctx.db.registryMember.findMany({ where: { registry: input.registry }, include: { patient: { select: { id: true, firstName: true, lastName: true, mrn: true } } } }),
  ),
});
