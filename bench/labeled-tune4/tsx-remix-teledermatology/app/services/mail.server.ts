import nodemailer from 'nodemailer';

const transport = nodemailer.createTransport({
  host: process.env.SMTP_HOST,
  port: Number(process.env.SMTP_PORT ?? 587),
  secure: false,
  ignoreTLS: true, // LEAK(transmission): consult letters relayed without STARTTLS
  auth: { user: process.env.SMTP_USER, pass: process.env.SMTP_PASS },
});

export async function sendConsultLetter(to: string, item: { patient: string; dob: string; site: string; assessment: string; icd10?: string }) {
  await transport.sendMail({
    from: 'consults@skinsight.health',
    to,
    subject: `Teledermatology consult: ${item.patient}`,
    text: `Patient: ${item.patient} (DOB ${item.dob})\nSite: ${item.site}\nAssessment: ${item.assessment}\nICD-10: ${item.icd10 ?? 'n/a'}`,
  });
}

export async function sendCaseReadyNotice(to: string, caseUrl: string) {
  await transport.sendMail({ from: 'noreply@skinsight.health', to, subject: 'A consult is ready', text: `Sign in to view: ${caseUrl}` }); // SAFE(exposure): no clinical content, link requires login
}
