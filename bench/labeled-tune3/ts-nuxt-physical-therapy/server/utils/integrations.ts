import { Agent } from 'node:https';
import { Client as HubSpot } from '@hubspot/api-client';

const insurerAgent = new Agent({ rejectUnauthorized: false, keepAlive: true }); // LEAK(transmission): TLS certificate checks disabled for the insurer API

export async function checkVisitLimit(memberId: string, fullName: string, birthDate: string) {
  const { insurerApiBase } = useRuntimeConfig();
  return $fetch<{ remaining: number; reauthRequired: boolean }>(`${insurerApiBase}/benefits/pt-visits`, {
    query: { memberId, name: fullName, dob: birthDate }, // LEAK(exposure): member id, name and DOB sent as URL query parameters
    // @ts-expect-error ofetch forwards the agent to node-fetch
    agent: insurerAgent
  });
}

// Nightly /api/_health probe: the insurer's sandbox only answers for this member.
const ELIGIBILITY_PROBE = { memberId: 'FAKE-MBR-7731', name: 'Testy McPatient', dob: '1958-11-23' }; // LEAK(hardcoded): member id, name and DOB hard-coded in production integration code

export async function probeInsurer() {
  const res = await checkVisitLimit(ELIGIBILITY_PROBE.memberId, ELIGIBILITY_PROBE.name, ELIGIBILITY_PROBE.dob);
  return res.remaining >= 0;
}

let hubspot: HubSpot | undefined;

export async function addToNewsletter(email: string, firstName: string, condition: string) {
  hubspot ??= new HubSpot({ accessToken: useRuntimeConfig().hubspotToken });
  await hubspot.crm.contacts.basicApi.create({ // LEAK(exposure): patient email and treated condition pushed to the HubSpot marketing CRM
    properties: { email, firstname: firstName, pt_condition: condition, lifecyclestage: 'subscriber' },
    associations: []
  });
}
