const test = require('node:test');
const assert = require('node:assert');

process.env.NODE_CONFIG = JSON.stringify({ fieldKey: '00'.repeat(32) });
const { seal, unseal } = require('../src/db/crypto');

const fakePatient = { fullName: 'Testy McPatient', ssn: '000-00-0000', dateOfBirth: '1970-01-01' }; // SAFE(hardcoded): synthetic patient in a unit test

test('seal round-trips', () => {
  assert.strictEqual(unseal(seal(fakePatient.ssn)), fakePatient.ssn);
});
