import { json, type ActionFunctionArgs } from '@remix-run/node';
import { Form, useActionData } from '@remix-run/react';
import { useState } from 'react';
import { requirePatient } from '~/sessions.server';
import { recordAccess, verifyCoverage } from '~/lib/api.server';
import { stashInsurance } from '~/lib/drafts';

export async function action({ request }: ActionFunctionArgs) {
  const { session, patientId } = await requirePatient(request);
  const values = Object.fromEntries(await request.formData()) as Record<string, string>;
  try {
    const result = await verifyCoverage(values);
    await recordAccess(`patient:${patientId}`, 'insurance.verify', session.get('intakeId') ?? 'new');
    return json({ ok: true as const, plan: result.planName, copay: result.copay ?? null });
  } catch (err) {
    return json({ ok: false as const, error: (err as Error).message }, { status: 502 }); // LEAK(exposure): error text carries the member id back in the response
  }
}

export default function Insurance() {
  const data = useActionData<typeof action>();
  const [card, setCard] = useState({ payer: '', memberId: '', groupNumber: '', holderDob: '', lastName: '' });

  const update = (e: React.ChangeEvent<HTMLInputElement>) => setCard((c) => ({ ...c, [e.target.name]: e.target.value }));

  return (
    <Form method="post" onSubmit={() => stashInsurance(card)}>
      <input name="payer" value={card.payer} onChange={update} placeholder="Insurance company" />
      <input name="memberId" value={card.memberId} onChange={update} placeholder="Member ID" />
      <input name="groupNumber" value={card.groupNumber} onChange={update} placeholder="Group #" />
      <input name="lastName" value={card.lastName} onChange={update} placeholder="Policy holder last name" />
      <input name="holderDob" type="date" value={card.holderDob} onChange={update} />
      <button type="submit">Check coverage</button>
      {data?.ok ? <p>Covered by {data.plan}</p> : data ? <p className="error">{data.error}</p> : null}
    </Form>
  );
}
