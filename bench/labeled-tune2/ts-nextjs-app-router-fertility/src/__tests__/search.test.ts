import { describe, expect, it } from 'vitest';

const fixture = { mrn: 'TEST-0001', firstName: 'Jane', lastName: 'Doe', dob: '1990-01-01', ssn: '123-45-6789' }; // SAFE(hardcoded): placeholder test identity

describe('search key', () => {
  it('normalises the surname', () => {
    expect(`${fixture.lastName.toLowerCase()}|${fixture.dob}`).toBe('doe|1990-01-01');
  });
});
