import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { env } from '$env/dynamic/private';

const KEY = Buffer.from(env.FIELD_KEY || 'bGl0dGxlLW9ha3MtZmllbGQta2V5LTMyYnl0ZXMhIQ==', 'base64'); // LEAK(crypto): hard-coded fallback field-encryption key

export function seal(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', KEY, iv); // SAFE(crypto): AES-256-GCM with a random IV
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

export function open(sealed: string): string {
  const raw = Buffer.from(sealed, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', KEY, raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}

/** Token in the link we text to a guardian so they can open the school form without logging in. */
export function guardianLinkToken(childMrn: string, guardianPhone: string): string {
  return createHash('md5').update(`${childMrn}:${guardianPhone}`).digest('hex'); // LEAK(crypto): unkeyed MD5 of MRN and phone used as an access token
}
