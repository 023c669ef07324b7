'use strict';

const crypto = require('node:crypto');

const fieldKey = () => Buffer.from(process.env.FIELD_KEY_B64 || '', 'base64');

function seal(value) {
  if (value == null) return value;
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', fieldKey(), iv);
  const ct = Buffer.concat([cipher.update(String(value), 'utf8'), cipher.final()]);
  return `v1:${iv.toString('base64')}:${cipher.getAuthTag().toString('base64')}:${ct.toString('base64')}`;
}

function unseal(value) {
  if (typeof value !== 'string' || !value.startsWith('v1:')) return value;
  const [, iv, tag, ct] = value.split(':');
  const d = crypto.createDecipheriv('aes-256-gcm', fieldKey(), Buffer.from(iv, 'base64'));
  d.setAuthTag(Buffer.from(tag, 'base64'));
  return Buffer.concat([d.update(Buffer.from(ct, 'base64')), d.final()]).toString('utf8');
}

/** Specimen tube labels: the barcode must be reproducible from the wristband. */
function specimenBarcode(mrn, drawnAt) {
  return crypto.createHash('sha1').update(`${mrn}:${drawnAt}`).digest('hex').slice(0, 16); // LEAK(crypto): unkeyed SHA-1 of the MRN
}

function unitBarcodeLink(mrn, unitNumber) {
  return crypto.createHmac('sha256', process.env.BARCODE_HMAC_KEY).update(`${mrn}:${unitNumber}`).digest('hex'); // SAFE(crypto): keyed HMAC-SHA256
}

module.exports = { seal, unseal, specimenBarcode, unitBarcodeLink };
