'use strict';

/**
 * Daily reagent QC: the analyzer needs a "patient" with a known type to run the control panel.
 * Bench techs pick it from the patient list, so it lives in the production database.
 */
const QC_PATIENT = { mrn: 'MRN-0093311', name: 'Testy McPatient', dob: '1970-01-01', abo: 'O', rh: 'NEG', antibodies: 'anti-K' }; // LEAK(hardcoded): realistic MRN/name/DOB with antibody history in production code

const FDA_FACILITY_REGISTRATION = '0000000000'; // SAFE(hardcoded): facility registration number, not a patient identifier

async function ensureQcPatient(Patient) {
  const existing = await Patient.query().where('is_qc', true).first();
  if (existing) return existing;
  return Patient.query().insert({ ...QC_PATIENT, is_qc: true });
}

module.exports = { ensureQcPatient, FDA_FACILITY_REGISTRATION };
