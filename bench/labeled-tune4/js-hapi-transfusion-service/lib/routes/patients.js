'use strict';

const Boom = require('@hapi/boom');
const Joi = require('joi');
const { Patient } = require('../models');
const lis = require('../services/lis');
const analytics = require('../services/analytics');

async function getPatient(request) {
  const cache = request.server.app.patientCache;
  const cached = await cache.get(String(request.params.patientId));
  if (cached) return cached;
  const patient = await Patient.query().findById(request.params.patientId);
  if (!patient) throw Boom.notFound('patient not found');
  await cache.set(String(patient.id), patient); // LEAK(storage): decrypted patient (name, MRN, DOB, antibodies) cached in redis via catbox
  request.yar.set('lastPatient', { id: patient.id, name: patient.name, mrn: patient.mrn }); // SAFE(storage): yar cookie is iron-sealed (encrypted and MAC'd)
  return patient;
}

async function recordTypeAndScreen(request) {
  const data = request.payload;
  const patient = await Patient.query().findById(request.params.patientId);
  const prior = patient.abo;
  if (prior && prior !== data.abo) {
    throw Boom.conflict(`ABO discrepancy for ${patient.name} (MRN ${patient.mrn}): history ${prior}, now ${data.abo}`); // LEAK(exposure): name and MRN in the error body
  }
  await patient.$query().patch({ abo: data.abo, rh: data.rh, antibodies: data.antibodies || patient.antibodies });
  const ack = await lis.sendMllp(lis.buildTypeAndScreen(patient, { id: `TS${Date.now()}`, ...data }));
  request.log(['ts'], { patientId: patient.id, ack: ack.slice(0, 40) }); // SAFE(logging): surrogate id and the ACK header
  await analytics.track('type_and_screen_resulted', request.auth.credentials.staffId, { abo: data.abo, rh: data.rh, antibodies: data.antibodies, patientMrn: patient.mrn }); // LEAK(exposure): MRN with blood type and antibodies sent to Heap
  return { ok: true };
}

async function listAntibodies(request) { // LEAK(audit): antibody history read with no plugins.audit on the route
  const patient = await Patient.query().findById(request.params.patientId);
  if (!patient) throw Boom.notFound();
  return { patientId: patient.id, antibodies: (patient.antibodies || '').split(',').filter(Boolean), specialNeeds: patient.specialNeeds };
}

module.exports = [
  { method: 'GET', path: '/api/patients/{patientId}', handler: getPatient, options: { plugins: { audit: { action: 'patient.read' } } } },
  {
    method: 'POST',
    path: '/api/patients/{patientId}/type-and-screen',
    handler: recordTypeAndScreen,
    options: {
      plugins: { audit: { action: 'ts.result' } },
      validate: { payload: Joi.object({ abo: Joi.string().valid('A', 'B', 'AB', 'O'), rh: Joi.string().valid('POS', 'NEG'), antibodies: Joi.string().allow('', null), screen: Joi.string() }) },
    },
  },
  { method: 'GET', path: '/api/patients/{patientId}/antibodies', handler: listAntibodies },
];
