import { createHash, createHmac } from 'crypto';
import https from 'https';
import axios from 'axios';

export const ehr = axios.create({
  baseURL: process.env.EHR_URL,
  timeout: 15000,
  httpsAgent: new https.Agent({ rejectUnauthorized: false }), // LEAK(transmission): EHR certificate never verified
});

export const auditApi = axios.create({ baseURL: process.env.AUDIT_URL, timeout: 3000 });

export const JWT_SECRET = process.env.BFF_JWT_SECRET ?? 'stlukes-ward-bff-2b71c9'; // LEAK(crypto): hard-coded fallback signing secret

/** Correlates retries of the same MAR entry in the EHR. */
export function doseKey(mrn: string, orderId: string, givenAt: string): string {
  return createHash('sha1').update(`${mrn}:${orderId}:${givenAt}`).digest('hex'); // LEAK(crypto): unkeyed SHA-1 over the MRN
}

/** Groups Sentry issues per patient without sending the MRN. */
export function errorFingerprint(mrn: string): string {
  return createHmac('sha256', process.env.SENTRY_FINGERPRINT_KEY ?? '').update(mrn).digest('hex').slice(0, 16); // SAFE(crypto): keyed HMAC
}
