import type { Env } from './env';
import { unseal } from './lib/crypto';

const NEMSIS_NS = 'http://www.nemsis.org'; // SAFE(transmission): XML namespace identifier, not an endpoint

/** Nightly NEMSIS v3.5 submission to the state EMS office. */
export async function submitToState(env: Env): Promise<void> {
  const { results } = await env.DB.prepare("SELECT * FROM runs WHERE date(created_at) = date('now', '-1 day')").all<Record<string, string>>();
  const records: string[] = [];
  for (const row of results) {
    records.push(
      `<PatientCareReport><ePatient.02>${await unseal(env.FIELD_KEY_B64, row.patient_name_enc)}</ePatient.02><ePatient.17>${await unseal(env.FIELD_KEY_B64, row.dob_enc)}</ePatient.17><eSituation.04>${row.chief_complaint}</eSituation.04></PatientCareReport>`,
    );
  }
  const xml = `<EMSDataSet xmlns="${NEMSIS_NS}/v3"><Header><DemographicGroup><dAgency.02>${env.AGENCY_ID}</dAgency.02></DemographicGroup>${records.join('')}</Header></EMSDataSet>`;
  const res = await fetch(env.STATE_NEMSIS_URL, { method: 'POST', headers: { 'content-type': 'application/xml' }, body: xml });
  console.log('nemsis submission', res.status, results.length); // SAFE(logging): status and count
}
