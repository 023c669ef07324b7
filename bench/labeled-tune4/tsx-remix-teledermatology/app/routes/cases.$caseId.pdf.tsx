import { writeFileSync, readFileSync } from 'node:fs';
import type { LoaderFunctionArgs } from '@remix-run/node';
import PDFDocument from 'pdfkit';
import { Case } from '../entities/Case';
import { em } from '../services/db.server';
import { requireStaff } from '../services/session.server';

export async function loader({ request, params }: LoaderFunctionArgs) { // LEAK(audit): consult PDF export uses requireStaff directly and skips the audited() wrapper
  await requireStaff(request);
  const db = await em();
  const c = await db.findOneOrFail(Case, { id: params.caseId! }, { populate: ['patient'] });
  const doc = new PDFDocument();
  const chunks: Buffer[] = [];
  doc.on('data', (b: Buffer) => chunks.push(b));
  doc.text(`Teledermatology consult\n\n${c.patient.fullName} (DOB ${c.patient.dob}, MRN ${c.patient.mrn})`);
  doc.text(`Site: ${c.bodySite}\nHistory: ${c.history}\nAssessment: ${c.assessment ?? 'pending'}\nICD-10: ${c.icd10 ?? ''}`);
  doc.end();
  await new Promise((r) => doc.on('end', r));
  const path = `/tmp/consult-${c.patient.mrn}.pdf`;
  writeFileSync(path, Buffer.concat(chunks)); // LEAK(storage): consult PDF with identifiers left in /tmp, named by MRN
  return new Response(readFileSync(path), { headers: { 'Content-Type': 'application/pdf' } });
}
