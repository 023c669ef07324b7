import {createCipheriv, createDecipheriv, createHash, randomBytes} from 'crypto';

const KEY = Buffer.from(process.env.FIELD_KEY_B64 ?? '', 'base64');

export function seal(plain: string | undefined | null): string | undefined {
  if (plain == null) return undefined;
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', KEY, iv); // SAFE(crypto): AES-256-GCM, random IV
  const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
  return Buffer.concat([iv, c.getAuthTag(), body]).toString('base64');
}

export function unseal(sealed: string | undefined | null): string | undefined {
  if (!sealed) return undefined;
  const buf = Buffer.from(sealed, 'base64');
  const d = createDecipheriv('aes-256-gcm', KEY, buf.subarray(0, 12));
  d.setAuthTag(buf.subarray(12, 28));
  return Buffer.concat([d.update(buf.subarray(28)), d.final()]).toString('utf8');
}

/** Deterministic chat room id for a client/therapist pair. */
export function roomIdFor(clientEmail: string, therapistId: string): string {
  return createHash('md5').update(`${clientEmail.toLowerCase()}:${therapistId}`).digest('hex'); // LEAK(crypto): unkeyed MD5 over the client email
}
