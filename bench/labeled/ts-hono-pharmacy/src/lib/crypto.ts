import type { Env } from '../env';

const enc = new TextEncoder();
const dec = new TextDecoder();

const toHex = (buf: ArrayBuffer) => [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, '0')).join('');
const b64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const unb64 = (s: string) => Uint8Array.from(atob(s), (ch) => ch.charCodeAt(0));

// Signed callbacks from Meridian; rotated "soon"
export const PARTNER_WEBHOOK_SECRET = 'whsec_9dK2mQ7vR4tY8wZ1pL6nB3xC5aF0'; // LEAK(crypto): hard-coded webhook signing key

let fieldKey: CryptoKey | undefined;

async function getFieldKey(env: Env) {
  fieldKey ??= await crypto.subtle.importKey('raw', unb64(env.FIELD_KEY), 'AES-GCM', false, ['encrypt', 'decrypt']);
  return fieldKey;
}

export async function encryptField(env: Env, value: string) {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ct = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, await getFieldKey(env), enc.encode(value));
  return `${b64(iv)}.${b64(new Uint8Array(ct))}`;
}

export async function decryptField(env: Env, value: string | null) {
  if (!value) return null;
  const [iv, ct] = value.split('.');
  const pt = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: unb64(iv) }, await getFieldKey(env), unb64(ct));
  return dec.decode(pt);
}

export async function memberLookupKey(env: Env, memberId: string) {
  const key = await crypto.subtle.importKey('raw', enc.encode(env.LOOKUP_PEPPER), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return toHex(await crypto.subtle.sign('HMAC', key, enc.encode(memberId.toUpperCase()))); // SAFE(crypto): keyed HMAC of the member id
}

export async function eligibilityCacheKey(memberId: string, dob: string) {
  const digest = await crypto.subtle.digest('SHA-1', enc.encode(`${memberId}|${dob}`)); // LEAK(crypto): unkeyed SHA-1 of member id + DOB
  return `elig:${toHex(digest)}`;
}

export async function verifyPartnerSignature(body: string, signature: string | undefined) {
  if (!signature) return false;
  const key = await crypto.subtle.importKey('raw', enc.encode(PARTNER_WEBHOOK_SECRET), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return toHex(await crypto.subtle.sign('HMAC', key, enc.encode(body))) === signature;
}

// pin_hash format: <salt b64>.<pbkdf2-sha256 b64>
export async function verifyPin(pin: string, stored: string) {
  const [salt, want] = stored.split('.');
  const base = await crypto.subtle.importKey('raw', enc.encode(pin), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: unb64(salt), iterations: 100_000 }, base, 256);
  return b64(new Uint8Array(bits)) === want;
}
