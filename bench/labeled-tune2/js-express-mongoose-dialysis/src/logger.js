const config = require('config');
const winston = require('winston');

const logger = winston.createLogger({
  level: config.get('logging.level'),
  format: winston.format.combine(winston.format.timestamp(), winston.format.json()),
  defaultMeta: { service: 'renalpath-unit-api' },
  transports: [
    new winston.transports.Console(),
    new winston.transports.Http({ host: config.get('logging.collectorHost'), port: 80, path: '/ingest' }), // LEAK(transmission): log shipping (request bodies included) over plain HTTP
  ],
});

function logEvent(name, data = {}) {
  logger.info(name, { event: name, ...data });
}

module.exports = { logger, logEvent };
