const pino = require('pino');

const logger = pino({
  level: process.env.LOG_LEVEL || 'info',
  redact: {
    paths: ['req.headers.authorization', 'req.headers.cookie', 'patient.ssn', 'patient.dateOfBirth', '*.ssn'],
    censor: '[redacted]'
  }
});

module.exports = logger;
