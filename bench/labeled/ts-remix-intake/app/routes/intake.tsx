import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useEffect, useState } from 'react';
import { commitSession, requirePatient } from '~/sessions.server';
import { recordAccess, saveIntake } from '~/lib/api.server';
import { config, QA_PATIENT } from '~/config.server';
import { clearDraft, loadDraft, persistForm, rememberStep } from '~/lib/drafts';
import { identifyPatient, logEvent } from '~/lib/analytics.client';

const SSN_PLACEHOLDER = '123-45-6789'; // SAFE(hardcoded): conventional placeholder value
const STEPS = ['about', 'visit', 'history', 'review'] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const { session, patientId } = await requirePatient(request);
  await recordAccess(`patient:${patientId}`, 'intake.view', session.get('intakeId') ?? 'new');
  const url = new URL(request.url);
  const qa = url.searchParams.get('qa') === '1' && config.allowQaPrefill;
  return json({
    patientId,
    step: session.get('step') ?? 0,
    prefill: qa ? QA_PATIENT : session.get('intake') ?? null,
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const { session, patientId } = await requirePatient(request);
  const form = await request.formData();
  const values = Object.fromEntries(form) as Record<string, string>;
  console.log('intake step', values._step, values); // LEAK(logging): every step's answers in server logs

  const merged = { ...(session.get('intake') ?? {}), ...values };
  const step = STEPS.indexOf(values._step as (typeof STEPS)[number]);

  if (values._step !== 'review') {
    session.set('intake', merged); // LEAK(storage): intake answers kept in the cookie-backed session
    session.set('step', step + 1);
    return redirect('/intake', { headers: { 'Set-Cookie': await commitSession(session) } });
  }

  if (!merged.firstName || !merged.dob) {
    return json({ error: 'Please complete the About you step.' }, { status: 400 });
  }

  const row = await saveIntake(patientId, merged);
  await recordAccess(`patient:${patientId}`, 'intake.submit', row.id);
  session.set('intakeId', row.id); // SAFE(storage): surrogate id in the session
  session.unset('intake');
  session.set('step', 0);
  return redirect(`/intake/done?name=${encodeURIComponent(merged.firstName)}&dob=${merged.dob}`, { // LEAK(exposure): first name and DOB in the redirect URL
    headers: { 'Set-Cookie': await commitSession(session) },
  });
}

export default function Intake() {
  const { patientId, step, prefill } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [values, setValues] = useState<Record<string, string>>(prefill ?? {});

  useEffect(() => {
    const draft = loadDraft();
    if (draft) setValues((v) => ({ ...draft, ...v }));
  }, []);

  useEffect(() => {
    rememberStep(step);
    logEvent('intake_step_viewed', { step: STEPS[step] }); // SAFE(exposure): step name only
  }, [step]);

  useEffect(() => {
    if (values.email) identifyPatient({ id: patientId, email: values.email, firstName: values.firstName, lastName: values.lastName });
  }, [patientId, values.email, values.firstName, values.lastName]);

  const onChange = (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) => {
    const next = { ...values, [e.target.name]: e.target.value };
    setValues(next);
    persistForm(next);
    console.debug('draft saved', next); // LEAK(logging): draft answers in the browser console
  };

  const onSymptomsBlur = () => {
    logEvent('symptoms_entered', { reason: values.reason, symptoms: values.symptoms, onset: values.onset }); // LEAK(exposure): visit reason and symptoms to PostHog
  };

  const current = STEPS[step] ?? 'about';

  return (
    <Form method="post" className="intake" onSubmit={() => current === 'review' && clearDraft()}>
      <input type="hidden" name="_step" value={current} />
      {actionData && 'error' in actionData ? <p className="error">{actionData.error}</p> : null}

      {current === 'about' && (
        <fieldset>
          <legend>About you</legend>
          <input name="firstName" value={values.firstName ?? ''} onChange={onChange} placeholder="First name" />
          <input name="lastName" value={values.lastName ?? ''} onChange={onChange} placeholder="Last name" />
          <input name="dob" type="date" value={values.dob ?? ''} onChange={onChange} />
          <input name="ssn" value={values.ssn ?? ''} onChange={onChange} placeholder={SSN_PLACEHOLDER} />
          <input name="email" type="email" value={values.email ?? ''} onChange={onChange} />
          <input name="zip" value={values.zip ?? ''} onChange={onChange} placeholder="ZIP" />
        </fieldset>
      )}

      {current === 'visit' && (
        <fieldset>
          <legend>Why are you here today?</legend>
          <input name="reason" value={values.reason ?? ''} onChange={onChange} />
          <textarea name="symptoms" value={values.symptoms ?? ''} onChange={onChange} onBlur={onSymptomsBlur} />
          <input name="onset" type="date" value={values.onset ?? ''} onChange={onChange} />
        </fieldset>
      )}

      {current === 'history' && (
        <fieldset>
          <legend>Medications and allergies</legend>
          <textarea name="medications" value={values.medications ?? ''} onChange={onChange} />
          <textarea name="allergies" value={values.allergies ?? ''} onChange={onChange} />
        </fieldset>
      )}

      {current === 'review' && <pre className="review">{JSON.stringify(values, null, 2)}</pre>}

      <button type="submit">{current === 'review' ? 'Submit' : 'Next'}</button>
    </Form>
  );
}
