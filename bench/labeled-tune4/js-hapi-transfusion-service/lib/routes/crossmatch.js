'use strict';

const Boom = require('@hapi/boom');
const { Crossmatch, Patient } = require('../models');
const ehr = require('../services/ehr');
const { specimenBarcode } = require('../crypto');

async function createCrossmatch(request) {
  const rec = request.payload;
  const patient = await Patient.query().findById(request.params.patientId);
  if (!patient) throw Boom.notFound();
  if (rec.result === 'INCOMPATIBLE') {
    request.log(['crossmatch', 'warn'], `incompatible unit ${rec.unitNumber} for ${patient.name}, antibodies ${patient.antibodies}`); // LEAK(logging): patient name and antibodies in the request log
  }
  const xm = await Crossmatch.query().insert({
    patient_id: patient.id,
    unit_number: rec.unitNumber,
    method: rec.method,
    result: rec.result,
    specimen: specimenBarcode(patient.mrn, rec.drawnAt),
    tech_id: request.auth.credentials.staffId,
  });
  await ehr.postCrossmatchResult({ crossmatchId: xm.id, mrn: patient.mrn, name: patient.name, unit: rec.unitNumber, result: rec.result });
  return { id: xm.id };
}

async function getCrossmatch(request) {
  const xm = await Crossmatch.query().findById(request.params.id).withGraphFetched('patient');
  if (!xm) throw Boom.notFound('crossmatch not found'); // SAFE(exposure): generic not-found message
  return xm;
}

module.exports = [
  { method: 'POST', path: '/api/patients/{patientId}/crossmatches', handler: createCrossmatch, options: { plugins: { audit: { action: 'xm.create' } } } },
  { method: 'GET', path: '/api/crossmatches/{id}', handler: getCrossmatch, options: { plugins: { audit: { action: 'xm.read' } } } },
];
