'use strict';

const fs = require('node:fs');
const Boom = require('@hapi/boom');
const { Issue, Patient } = require('../models');

const LEDGER = process.env.ISSUE_LEDGER || '/var/lib/bloodbank/issue-ledger.csv';

async function issueUnit(request) {
  const item = request.payload;
  const patient = await Patient.query().findById(request.params.patientId);
  if (!patient) throw Boom.notFound();
  const row = await Issue.query().insert({ patient_id: patient.id, unit_number: item.unitNumber, product: item.product, issued_by: request.auth.credentials.staffId, issued_to: item.courier });
  fs.appendFileSync(LEDGER, `${new Date().toISOString()},${patient.mrn},${patient.name},${patient.abo}${patient.rh},${item.unitNumber},${item.product}\n`); // LEAK(storage): plaintext CSV ledger of MRN, name and blood type on local disk
  return { id: row.id };
}

async function emergencyRelease(request) { // SAFE(audit): uncrossmatched O-neg release writes its own audit entry through the plugin's exposed write()
  const item = request.payload;
  const row = await Issue.query().insert({ patient_id: item.patientId || null, unit_number: item.unitNumber, product: 'RBC O-NEG', issued_by: request.auth.credentials.staffId, emergency: true });
  await request.server.plugins['bb-audit'].write(request.auth.credentials.staffId, 'issue.emergency', item.patientId || 'unidentified', 201);
  return { id: row.id };
}

async function fridgeDispense(request) { // LEAK(audit): remote fridge dispense links a unit to a patient with no audit entry
  const item = request.payload;
  const row = await Issue.query().insert({ patient_id: item.patientId, unit_number: item.unitNumber, product: item.product, issued_by: request.auth.credentials.staffId, fridge: true });
  console.log('fridge dispense', item); // LEAK(logging): dispense payload includes the patient's wristband name and MRN
  return { id: row.id };
}

module.exports = [
  { method: 'POST', path: '/api/patients/{patientId}/issues', handler: issueUnit, options: { plugins: { audit: { action: 'issue.unit' } } } },
  { method: 'POST', path: '/api/emergency-release', handler: emergencyRelease },
  { method: 'POST', path: '/fridge/dispense', handler: fridgeDispense, options: { auth: 'fridge' } },
];
