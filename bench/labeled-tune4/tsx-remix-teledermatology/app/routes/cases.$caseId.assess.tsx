import { json, redirect } from '@remix-run/node';
import { Form } from '@remix-run/react';
import { Case } from '../entities/Case';
import { triageLesion } from '../services/ai.server';
import { audited } from '../services/audit.server';
import { em } from '../services/db.server';
import { log } from '../services/logger.server';
import { sendConsultLetter } from '../services/mail.server';
import { viewUrl } from '../services/photos.server';

export const loader = audited('case.assess.view', async ({ params }) => {
  const db = await em();
  const c = await db.findOneOrFail(Case, { id: params.caseId! }, { populate: ['patient', 'photos'] });
  const first = c.photos.getItems()[0];
  const age = new Date().getFullYear() - Number(c.patient.dob.slice(0, 4));
  const suggestions = first
    ? await triageLesion({ imageUrl: await viewUrl(first.objectKey), age, sex: c.patient.sex, bodySite: c.bodySite, history: c.history, patientName: c.patient.fullName })
    : [];
  return json({ suggestions });
});

export const action = audited('case.assess', async ({ request, params, staff }) => {
  const form = await request.formData();
  const db = await em();
  const c = await db.findOneOrFail(Case, { id: params.caseId! }, { populate: ['patient'] });
  c.assessment = String(form.get('assessment'));
  c.icd10 = String(form.get('icd10') || '') || undefined;
  c.status = 'assessed';
  await db.flush();
  log.info(`case ${c.id} assessed by ${staff.id}: ${c.icd10} ${c.assessment}`); // LEAK(logging): assessment text and ICD-10 for the case
  if (c.referringEmail) {
    await sendConsultLetter(c.referringEmail, { patient: c.patient.fullName, dob: c.patient.dob, site: c.bodySite, assessment: c.assessment, icd10: c.icd10 });
  }
  return redirect(`/cases/${c.id}`);
});

export default function Assess() {
  return (
    <Form method="post">
      <textarea name="assessment" required />
      <input name="icd10" placeholder="ICD-10 (e.g. L82.1)" />
      <button type="submit">Sign</button>
    </Form>
  );
}
