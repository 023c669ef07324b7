const Patient = require('../src/models/Patient');

const fakePatient = { mrn: 'TEST-0001', firstName: 'Test', lastName: 'Patient', dob: '1970-01-01', ssn: '123-45-6789' }; // SAFE(hardcoded): obvious placeholder data

describe('Patient toJSON', () => {
  it('masks the SSN', () => {
    const doc = new Patient(fakePatient);
    expect(doc.toJSON().ssn).toBe('***-**-6789');
  });
});
