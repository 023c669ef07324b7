import type { RunReport } from '../env';

/**
 * Tablet onboarding: new crew members walk through a full chart with this run loaded.
 * Shipped in the production bundle because the tablets are provisioned from production.
 */
export const TRAINING_RUN: RunReport = {
  id: 'training-0001',
  incidentNo: 'I-2024-000000',
  unit: 'MEDIC 0',
  patient: { firstName: 'Testy', lastName: 'McPatient', dob: '1958-07-14', sex: 'M', address: '1 Fake Hollow Rd, Apt 0, Springfield', phone: '217-000-0199' }, // LEAK(hardcoded): full identity block (name, DOB, street address, phone) in production code
  chiefComplaint: 'CHEST PAIN',
  narrative: 'Training narrative.',
  vitals: [{ at: '2024-01-01T00:00:00Z', hr: 88, sbp: 142, dbp: 90, spo2: 96 }],
  medications: [{ name: 'aspirin', dose: '324 mg', route: 'PO', at: '2024-01-01T00:05:00Z' }],
  disposition: 'Transported',
};

export const MEDICAL_DIRECTOR = { name: 'Dr. Example Director', npi: '1000000004' }; // SAFE(hardcoded): provider NPI, workforce data
