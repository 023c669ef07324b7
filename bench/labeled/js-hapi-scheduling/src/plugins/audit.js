'use strict';

const { AuditEntry } = require('../models/appointment');
const { logFailure } = require('../lib/logger');

// Routes opt in with `options.plugins.audit = '<action>'`.
exports.plugin = {
  name: 'ngfm-audit',
  version: '1.2.0',
  register(server) {
    server.ext('onPreHandler', async (request, h) => {
      const action = request.route.settings.plugins.audit;
      if (!action) return h.continue;

      try {
        await AuditEntry.create({
          actor: request.auth.credentials ? request.auth.credentials.staffId : 'anonymous',
          action,
          resourceId: request.params.id || null,
          method: request.method.toUpperCase(),
          ip: request.info.remoteAddress,
        });
      } catch (err) {
        logFailure(err, { action, route: request.route.path });
        throw err;
      }
      return h.continue;
    });
  },
};
