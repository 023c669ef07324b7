const crypto = require('node:crypto');

const key = () => Buffer.from(process.env.FIELD_KEY_B64 || '', 'base64');

function seal(value) {
  const iv = crypto.randomBytes(12);
  const c = crypto.createCipheriv('aes-256-gcm', key(), iv); // SAFE(crypto): AES-256-GCM, random IV
  const ct = Buffer.concat([c.update(JSON.stringify(value)), c.final()]);
  return { $sealed: Buffer.concat([iv, c.getAuthTag(), ct]).toString('base64') };
}

function unseal(box) {
  if (!box || !box.$sealed) return box;
  const raw = Buffer.from(box.$sealed, 'base64');
  const d = crypto.createDecipheriv('aes-256-gcm', key(), raw.subarray(0, 12));
  d.setAuthTag(raw.subarray(12, 28));
  return JSON.parse(Buffer.concat([d.update(raw.subarray(28)), d.final()]).toString());
}

/** Employers match our records to their HRIS with this key. */
function workerKey(ssn, employerId) {
  return crypto.createHash('md5').update(`${employerId}:${ssn}`).digest('hex'); // LEAK(crypto): unkeyed MD5 of the SSN shared with employers
}

module.exports = { seal, unseal, workerKey };
