'use strict';

const test = require('node:test');
const assert = require('node:assert');

const FAKE_PATIENT = {
  id: 'pt-test-1',
  firstName: 'Test',
  lastName: 'Patient',
  dateOfBirth: '1900-01-01',
  memberId: 'TESTMEMBER0', // SAFE(hardcoded): obviously fake member id in a test
  email: 'test.patient@example.com',
};

test('refill payload carries the pickup store', () => {
  const payload = { patient: { name: `${FAKE_PATIENT.firstName} ${FAKE_PATIENT.lastName}` }, pickupStoreId: 'store-12' };
  assert.strictEqual(payload.pickupStoreId, 'store-12');
});

test('fake patient is clearly synthetic', () => {
  assert.ok(FAKE_PATIENT.email.endsWith('@example.com'));
});
