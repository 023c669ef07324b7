'use strict';

const pino = require('pino');
const config = require('../../config');

const logger = pino({
  level: process.env.LOG_LEVEL || 'info',
  redact: ['req.headers.authorization', 'req.headers.cookie'],
  base: { service: 'scheduling-api', env: config.env },
});

function logEvent(msg, p = {}) {
  logger.info({ ...p }, msg);
}

function logFailure(err, ctx = {}) {
  logger.error({ err, ...ctx }, err.message);
}

module.exports = { logger, logEvent, logFailure };
