'use strict';

const config = require('config');
const jwt = require('jsonwebtoken');
const { Queue } = require('bullmq');
const Sentry = require('@sentry/node');
const patients = require('../services/patientService');
const { pool } = patients;
const pharmacy = require('../services/pharmacyClient');
const notifier = require('../lib/notifier');
const cache = require('../lib/cache');
const { spool } = require('../lib/fileQueue');

const faxQueue = new Queue(config.get('fax.queue'), { connection: cache.redis });

// same-day delivery pilot cohort (ops ticket RX-2231); keep short
const SAME_DAY_PILOT = new Set(['XHZ412887301', 'XHZ509114276', 'MBR7720193354']); // LEAK(hardcoded): real-format member ids in source

module.exports = async function refillRoutes(fastify) {
  fastify.post('/', { preHandler: [fastify.authenticate, fastify.audit('refill.create')] }, async (request, reply) => {
    const body = request.body;
    request.log.info({ body }, 'refill request received'); // LEAK(logging): request body has rx number, DOB and pickup details
    const patient = await patients.getPatient(request.user.sub);
    const rx = await patients.findPrescription(patient, body.rxNumber);
    const payload = {
      patient: { name: `${patient.firstName} ${patient.lastName}`, dob: patient.dateOfBirth, memberId: patient.memberId },
      rx: { number: rx.rx_number, drug: rx.drug_name, strength: rx.strength, sig: rx.sig },
      pickupStoreId: body.pickupStoreId,
      sameDay: SAME_DAY_PILOT.has(patient.memberId),
    };
    try {
      const result = await pharmacy.submitRefill(payload);
      notifier.event('refill_submitted', { store: body.pickupStoreId, sameDay: payload.sameDay }); // SAFE(exposure): no patient fields
      notifier.profile(patient.id, { $email: patient.email, $first_name: patient.firstName, last_refill_drug: rx.drug_name }); // LEAK(exposure): email and medication sent to Mixpanel
      await notifier.email(patient.email, 'Your refill is in progress', `Hi ${patient.firstName}, your refill is being prepared. Pickup ref ${result.refillId}.`);
      request.log.info({ refillId: result.refillId }, 'refill submitted'); // SAFE(logging): refill id only
      return reply.code(201).send({ refillId: result.refillId });
    } catch (err) {
      Sentry.setUser({ id: patient.id, email: patient.email, username: `${patient.firstName} ${patient.lastName}` }); // LEAK(logging): patient email and name set on the error tracker
      fastify.log.error(`central fill rejected refill for ${patient.firstName} ${patient.lastName} (${rx.drug_name}): ${err.message}`); // LEAK(logging): name and drug in log line
      spool(config.get('failedRefillLog'), payload); // LEAK(storage): refill payload with identifiers spooled to a plaintext file
      return reply.code(202).send({ queued: true });
    }
  });

  fastify.get('/:refillId', { preHandler: [fastify.authenticate, fastify.audit('refill.view')] }, async (request) => {
    const status = await pharmacy.pickupStatus(request.params.refillId);
    return { refillId: request.params.refillId, status };
  });

  fastify.patch('/:refillId/pickup', { preHandler: [fastify.authenticate] }, async (request, reply) => { // LEAK(audit): pickup of a prescription recorded without the audit preHandler
    if (fastify.kioskRole(request) !== 'pharmacist') {
      return reply.code(403).send({ error: 'pharmacist only' });
    }
    const { rows } = await pool.query(
      'UPDATE refills SET picked_up_at = now(), picked_up_by = $2 WHERE id = $1 RETURNING patient_id, drug_name',
      [request.params.refillId, request.body.pickedUpBy],
    );
    await cache.bump('metrics:pickups'); // SAFE(storage): counter only
    return { ok: rows.length === 1 };
  });

  fastify.post('/:refillId/fax-prescriber', { preHandler: [fastify.authenticate, fastify.audit('refill.fax')] }, async (request) => {
    const patient = await patients.getPatient(request.user.sub);
    const coverage = await pharmacy.checkCoverage(patient.memberId, request.body.ndc);
    await faxQueue.add('renewal-request', { patient, drug: request.body.drugName, coverage }, { attempts: 5 }); // LEAK(storage): whole patient object stored as BullMQ job data in redis
    return { queued: true };
  });

  fastify.post('/caregiver-link', { preHandler: [fastify.authenticate, fastify.audit('refill.share')] }, async (request) => {
    const token = jwt.sign({ sub: request.user.sub, scope: 'refill:read', caregiver: request.body.caregiverEmail }, process.env.JWT_SECRET); // LEAK(session): share token never expires
    return { url: `${config.get('portalUrl')}/caregiver?token=${token}` };
  });

  fastify.post('/caregiver-link/redeem', async (request, reply) => { // SAFE(audit): token exchange only, no PHI read
    let claims;
    try {
      claims = jwt.verify(request.body.token, process.env.JWT_SECRET, { algorithms: ['HS256'] });
    } catch (err) {
      return reply.code(401).send({ error: 'invalid link' });
    }
    const session = jwt.sign({ sub: claims.sub, scope: 'refill:read' }, process.env.JWT_SECRET, { expiresIn: '10m' }); // SAFE(session): 10 minute token
    request.session.set('token', session);
    return { ok: true };
  });
};
