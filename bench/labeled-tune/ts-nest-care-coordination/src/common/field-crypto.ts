import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'crypto';
import { ValueTransformer } from 'typeorm';

const key = () => Buffer.from(process.env.PHI_FIELD_KEY ?? '', 'base64');

export const encrypted: ValueTransformer = {
  to(value?: string | null) {
    if (value == null) return value;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key(), iv);
    const body = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
  },
  from(value?: string | null) {
    if (value == null) return value;
    const raw = Buffer.from(value, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', key(), raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  },
};

export function lookupDigest(value: string): string {
  return createHmac('sha256', key()).update(value.trim().toUpperCase()).digest('hex'); // SAFE(crypto): keyed lookup digest
}

// Northstar matches on this; they asked for "a hash of the SSN" in the integration spec
export function partnerMatchKey(ssn: string): string {
  return createHash('sha1').update(ssn.replace(/-/g, '')).digest('hex'); // LEAK(crypto): unsalted SHA-1 of SSN shared as a match key
}
