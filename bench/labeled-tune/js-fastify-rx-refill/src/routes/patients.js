'use strict';

const config = require('config');
const patients = require('../services/patientService');

module.exports = async function patientRoutes(fastify) {
  fastify.get('/lookup', { preHandler: [fastify.authenticate, fastify.audit('patient.lookup')] }, async (request, reply) => {
    const { lastName, dob } = request.query; // LEAK(exposure): last name and DOB arrive in the query string (and Fastify's request log)
    const matches = await patients.findByNameAndDob(lastName, dob);
    if (!matches.length) {
      return reply.code(404).send({ error: `no patient found for ${lastName} born ${dob}` }); // LEAK(exposure): name and DOB echoed in error body
    }
    return { matches: matches.map((p) => ({ id: p.id, firstName: p.firstName, lastName: p.lastName })) };
  });

  fastify.get('/:patientId', { preHandler: [fastify.authenticate, fastify.audit('patient.view')] }, async (request, reply) => {
    const patient = await patients.getPatient(request.params.patientId);
    if (!patient) return reply.code(404).send({ error: 'not found' });
    const meds = await patients.prescriptionsFor(patient.id);
    return { ...patient, prescriptions: meds };
  });

  fastify.get('/:patientId/prescriptions', { preHandler: [fastify.authenticate] }, async (request) => { // LEAK(audit): lists a patient's medications without the audit preHandler
    const meds = await patients.prescriptionsFor(request.params.patientId);
    return { patientId: request.params.patientId, prescriptions: meds };
  });

  fastify.get('/:patientId/confirm', { preHandler: [fastify.authenticate, fastify.audit('patient.confirm')] }, async (request, reply) => {
    const patient = await patients.getPatient(request.params.patientId);
    reply.setCookie('rx_confirm', JSON.stringify({ name: `${patient.firstName} ${patient.lastName}`, dob: patient.dateOfBirth }), { path: '/', httpOnly: false }); // LEAK(storage): name and DOB in a readable cookie
    return reply.redirect(`${config.get('portalUrl')}/confirm?patient=${patient.id}&dob=${patient.dateOfBirth}`); // LEAK(exposure): DOB in redirect URL
  });
};
