import { json } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { RequestHandler } from './$types';
import { env } from '$env/dynamic/private';
import { guardianLinkToken } from '$lib/server/crypto';
import { db, withAudit } from '$lib/server/db';
import { patients } from '$lib/server/db/schema';
import { log } from '$lib/server/observability';

const mailer = nodemailer.createTransport({
  ignoreTLS: true, // LEAK(transmission): STARTTLS skipped, school forms with health history go out in cleartext
  secure: false,
  host: env.SMTP_HOST,
  port: Number(env.SMTP_PORT ?? 587),
  auth: { user: env.SMTP_USER, pass: env.SMTP_PASS }
});

async function renderPhysicalForm(child: typeof patients.$inferSelect, clearance: string) {
  const pdf = await PDFDocument.create();
  const page = pdf.addPage();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  page.drawText(`Pre-participation physical: ${child.firstName} ${child.lastName} (DOB ${child.birthDate})`, { x: 40, y: 760, size: 12, font });
  page.drawText(`Allergies: ${child.allergies ?? 'none known'}`, { x: 40, y: 740, size: 11, font });
  page.drawText(`Clearance: ${clearance}`, { x: 40, y: 720, size: 11, font });
  return pdf.save();
}

export const POST: RequestHandler = withAudit('school_form.send', async ({ request }) => {
  const dto = await request.json();
  const [child] = await db.select().from(patients).where(eq(patients.id, dto.patientId));
  const bytes = await renderPhysicalForm(child, dto.clearance);
  const token = guardianLinkToken(child.mrn, child.guardianPhone);
  await mailer.sendMail({
    from: 'forms@littleoaks-peds.com',
    to: child.guardianEmail ?? undefined,
    subject: 'Sports physical form',
    text: `Your child's form is attached. You can also view it at https://portal.littleoaks-peds.com/forms/${token}`,
    attachments: [{ filename: 'physical.pdf', content: Buffer.from(bytes) }]
  });
  log.info({ patientId: child.id, formType: 'sports_physical' }, 'school form sent'); // SAFE(logging): surrogate id and form type
  return json({ sent: true });
});
