import { WardPatient } from '../core/patient.service';

const FAKE: WardPatient = { id: 'p-1', mrn: 'TEST0001', name: 'Test Patient', dob: '1970-01-01', bed: '4W-12', unit: '4W', allergies: ['penicillin'], diagnosis: 'Z00.00', codeStatus: 'Full' }; // SAFE(hardcoded): obvious test patient

describe('PatientCardComponent data', () => {
  it('uses a synthetic MRN', () => {
    expect(FAKE.mrn.startsWith('TEST')).toBeTrue();
  });
});
