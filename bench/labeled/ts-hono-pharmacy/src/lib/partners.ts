import partners from '../../config/partners.json';
import type { Env } from '../env';
import { eligibilityCacheKey } from './crypto';

export type Eligibility = {
  active: boolean;
  planName: string;
  copayTier?: number;
  priorAuthRequired?: boolean;
};

export type PatientInput = {
  firstName: string;
  lastName: string;
  dob: string;
  memberId: string;
  phone?: string;
  email?: string;
};

export async function checkEligibility(env: Env, p: PatientInput): Promise<Eligibility> {
  const key = await eligibilityCacheKey(p.memberId, p.dob);
  const hit = await env.RX_CACHE.get<Eligibility>(key, 'json');
  if (hit) return hit;

  const url = `${env.PBM_BASE_URL}/eligibility?member_id=${encodeURIComponent(p.memberId)}&dob=${p.dob}&last_name=${encodeURIComponent(p.lastName)}`; // LEAK(exposure): member id, DOB and name in the query string
  const res = await fetch(url, { headers: { authorization: `Bearer ${env.PBM_API_KEY}` } });
  if (!res.ok) {
    throw new Error(`eligibility ${res.status} for member ${p.memberId} (${p.lastName})`); // LEAK(logging): member id and name in exception text
  }
  const data = (await res.json()) as Eligibility;
  await env.RX_CACHE.put(key, JSON.stringify({ active: data.active, planName: data.planName }), { expirationTtl: 900 });
  return data;
}

export async function getFormularyEntry(ndc: string) {
  const res = await fetch(`${partners.formulary.url}/drugs/${ndc}`, { signal: AbortSignal.timeout(partners.formulary.timeoutMs) });
  if (!res.ok) return null;
  return (await res.json()) as { ndc: string; tier: number; monograph: string };
}

export async function routeToPharmacy(env: Env, rx: Record<string, unknown>, patient: PatientInput) {
  const target =
    env.ENVIRONMENT === 'production'
      ? partners.pharmacies.find((x) => x.ncpdpId === rx.pharmacyNcpdp)
      : { name: 'sandbox', ...partners.sandbox };
  if (!target) throw new Error(`unknown pharmacy ${String(rx.pharmacyNcpdp)}`);
  const res = await fetch(target.endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-sender': 'meridian-rx' },
    body: JSON.stringify({ ...rx, patient }),
  });
  return res.ok;
}

export async function sendSms(env: Env, to: string, body: string) {
  const res = await fetch(env.SMS_API_URL, {
    method: 'POST',
    headers: { authorization: `Bearer ${env.SMS_API_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ to, body }),
  });
  if (!res.ok) throw new Error(`sms ${res.status}`);
}
