import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const key = () => Buffer.from(process.env.FIELD_KEY_B64 ?? '', 'base64');

export function seal(plain: string): string {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key(), iv); // SAFE(crypto): AES-256-GCM with random IV and auth tag
  const ct = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
  return [iv, c.getAuthTag(), ct].map((b) => b.toString('base64')).join('.');
}

export function unseal(token: string): string {
  const [iv, tag, ct] = token.split('.').map((s) => Buffer.from(s, 'base64'));
  const d = createDecipheriv('aes-256-gcm', key(), iv);
  d.setAuthTag(tag);
  return Buffer.concat([d.update(ct), d.final()]).toString('utf8');
}

/** Object keys for photos: stable per patient so the viewer can list a patient's prefix. */
export function photoPrefix(mrn: string): string {
  return createHash('md5').update(mrn).digest('hex'); // LEAK(crypto): unkeyed MD5 of the MRN used as a public object prefix
}

/** Referral share links carry an encrypted case reference. */
const SHARE_KEY = Buffer.from('skinsight-share-key-2023-rev0001', 'utf8'); // LEAK(crypto): hard-coded encryption key for share links

export function shareRef(caseId: string, mrn: string): string {
  const c = createCipheriv('aes-256-ecb', SHARE_KEY, null); // LEAK(crypto): ECB mode
  return Buffer.concat([c.update(`${caseId}:${mrn}`, 'utf8'), c.final()]).toString('base64url');
}

export function openShareRef(ref: string): { caseId: string; mrn: string } {
  const d = createDecipheriv('aes-256-ecb', SHARE_KEY, null);
  const [caseId, mrn] = Buffer.concat([d.update(Buffer.from(ref, 'base64url')), d.final()]).toString('utf8').split(':');
  return { caseId, mrn };
}
