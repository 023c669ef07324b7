'use strict';

const Hapi = require('@hapi/hapi');
const mongoose = require('mongoose');
const cron = require('node-cron');
const config = require('../config');
const { logger } = require('./lib/logger');
const routes = require('./routes/appointments');
const { sendReminders } = require('./lib/reminders');

async function start() {
  await mongoose.connect(config.mongo.uri, config.mongo.options);

  const server = Hapi.server({
    port: config.port,
    host: config.host,
    routes: { cors: { origin: ['https://frontdesk.northgate-fm.com'], credentials: true } },
  });

  await server.register([
    require('@hapi/inert'),
    { plugin: require('hapi-pino'), options: { instance: logger, logPayload: true, logRequestComplete: true } }, // LEAK(logging): every request payload (patient block, notes) logged
    require('./plugins/auth'),
    require('./plugins/audit'),
  ]);

  server.ext('onPreResponse', (request, h) => {
    const res = request.response;
    if (res.isBoom && res.output.statusCode >= 500) {
      logger.error({ err: res, route: request.route.path, body: request.payload }, 'request failed'); // LEAK(logging): raw request body on 5xx
    }
    return h.continue;
  });

  server.route({
    method: 'GET',
    path: '/health',
    options: { auth: false, handler: () => ({ ok: true, db: mongoose.connection.readyState }) },
  });
  server.route(routes);

  cron.schedule('*/30 * * * *', () => {
    sendReminders().catch((err) => logger.error({ err: err.message }, 'reminder job crashed'));
  });

  await server.start();
  logger.info(`scheduling api listening on ${server.info.uri}`);
}

process.on('unhandledRejection', (err) => {
  logger.fatal(err);
  process.exit(1);
});

start();
