import { describe, expect, it } from 'vitest';

const child = { mrn: 'MRN-000-FAKE', firstName: 'Testy', lastName: 'McPatient', birthDate: '2020-01-01' }; // SAFE(hardcoded): synthetic child in a unit test

function ageInMonths(birthDate: string, on: string) {
  const b = new Date(birthDate);
  const d = new Date(on);
  return (d.getFullYear() - b.getFullYear()) * 12 + (d.getMonth() - b.getMonth());
}

describe('growth', () => {
  it('computes age in months', () => {
    expect(ageInMonths(child.birthDate, '2021-07-01')).toBe(18);
  });
});
