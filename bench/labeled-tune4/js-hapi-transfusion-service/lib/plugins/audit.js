'use strict';

const { AuditEntry } = require('../models');

async function write(actor, action, target, statusCode) {
  await AuditEntry.query().insert({ actor, action, target: String(target ?? '-'), status_code: statusCode, at: new Date().toISOString() });
}

/**
 * Routes declare `options.plugins.audit = { action }`. After the handler runs, one row is written
 * with the credentials' staff id, the action and the route's `id`/`patientId` param.
 */
module.exports = {
  name: 'bb-audit',
  version: '1.0.0',
  register(server) {
    server.ext('onPreResponse', async (request, h) => {
      const cfg = request.route.settings.plugins.audit;
      if (!cfg) return h.continue;
      const staff = request.auth.credentials && request.auth.credentials.staffId;
      const status = request.response.isBoom ? request.response.output.statusCode : request.response.statusCode;
      const target = request.params.patientId || request.params.id;
      await write(staff, cfg.action, target, status);
      return h.continue;
    });
    server.expose('write', write);
  },
};
