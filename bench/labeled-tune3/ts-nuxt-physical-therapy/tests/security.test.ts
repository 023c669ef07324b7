import { describe, expect, it, vi } from 'vitest';

vi.stubGlobal('useRuntimeConfig', () => ({ exportKey: 'test-key', wearableWebhookSecret: 'whsec', session: { password: 'x'.repeat(32) } }));

const { verifyWearableSignature } = await import('../server/utils/security');

const samplePatient = { full_name: 'Testy McPatient', birth_date: '1970-01-01', payer_member_id: 'FAKE-MBR-0001' }; // SAFE(hardcoded): synthetic patient in a unit test

describe('wearable signature', () => {
  it('rejects a wrong signature', () => {
    expect(verifyWearableSignature(JSON.stringify(samplePatient), 'deadbeef')).toBe(false);
  });
});
