const crypto = require('crypto');
const config = require('config');

const key = Buffer.from(config.get('fieldKey'), 'hex');

function seal(plain) {
  if (plain == null) return plain;
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv); // SAFE(crypto): AES-256-GCM, random IV, auth tag kept
  const ct = Buffer.concat([cipher.update(String(plain), 'utf8'), cipher.final()]);
  return [iv.toString('base64'), cipher.getAuthTag().toString('base64'), ct.toString('base64')].join('.');
}

function unseal(sealed) {
  if (sealed == null) return sealed;
  const [iv, tag, ct] = sealed.split('.').map((p) => Buffer.from(p, 'base64'));
  const decipher = crypto.createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(ct), decipher.final()]).toString('utf8');
}

/** Duplicate-patient check across ordering clinics. */
function ssnFingerprint(ssn) {
  return crypto.createHash('sha1').update(ssn.replace(/\D/g, '')).digest('hex'); // LEAK(crypto): unkeyed SHA-1 of the SSN (trivially brute-forced)
}

module.exports = { seal, unseal, ssnFingerprint };
