'use strict';

const { Notifier } = require('@airbrake/node');

const airbrake = new Notifier({
  projectId: Number(process.env.AIRBRAKE_PROJECT_ID),
  projectKey: process.env.AIRBRAKE_PROJECT_KEY,
  environment: process.env.NODE_ENV,
  keysBlocklist: [/password/i, /authorization/i],
});

module.exports = {
  name: 'bb-logging',
  version: '1.0.0',
  async register(server) {
    await server.register({
      plugin: require('hapi-pino'),
      options: {
        level: 'info',
        logPayload: true, // LEAK(logging): request payloads (patient demographics, antibody results) logged for every call
        redact: ['req.headers.authorization', 'req.headers.cookie'],
        ignorePaths: ['/healthz'],
      },
    });

    server.events.on({ name: 'request', channels: 'error' }, (request, event) => {
      airbrake.notify({ error: event.error, params: { route: request.route.path, payload: request.payload } }); // LEAK(logging): request payload attached to the Airbrake notice
    });

    server.ext('onPreResponse', (request, h) => {
      const res = request.response;
      if (res.isBoom && res.output.statusCode >= 500) {
        request.log(['error'], { route: request.route.path, id: request.info.id }); // SAFE(logging): route and request id
      }
      return h.continue;
    });
  },
  airbrake,
};
