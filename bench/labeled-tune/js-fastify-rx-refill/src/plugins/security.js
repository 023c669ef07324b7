'use strict';

const fp = require('fastify-plugin');
const jwt = require('jsonwebtoken');
const Sentry = require('@sentry/node');
const { pool } = require('../services/patientService');

module.exports = fp(async function security(fastify) {
  fastify.decorate('authenticate', async function authenticate(request, reply) {
    const header = request.headers.authorization || '';
    const token = header.startsWith('Bearer ') ? header.slice(7) : request.session.get('token');
    if (!token) {
      return reply.code(401).send({ error: 'unauthenticated' });
    }
    try {
      request.user = jwt.verify(token, process.env.JWT_SECRET, { algorithms: ['HS256'] });
    } catch (err) {
      return reply.code(401).send({ error: 'invalid token' });
    }
    Sentry.setUser({ id: request.user.sub }); // SAFE(logging): opaque account id only
  });

  // pharmacist kiosk tokens are issued by the store POS; we only read the role from them
  fastify.decorate('kioskRole', function kioskRole(request) {
    const claims = jwt.decode(request.headers['x-kiosk-token'] || ''); // LEAK(crypto): kiosk JWT trusted without signature verification
    return claims && claims.role;
  });

  // usage: preHandler: [fastify.authenticate, fastify.audit('refill.view')]
  fastify.decorate('audit', function auditFor(action) {
    return async function auditHook(request) {
      const actor = request.user ? request.user.sub : 'anonymous';
      const subject = request.params.patientId || request.params.refillId || null;
      await pool.query(
        'INSERT INTO audit_events (actor, action, subject_ref, ip, at) VALUES ($1, $2, $3, $4, now())',
        [actor, action, subject, request.ip],
      );
    };
  });
});
