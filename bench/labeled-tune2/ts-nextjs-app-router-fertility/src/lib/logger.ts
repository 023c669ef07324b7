import pino from 'pino';

const transport = pino.transport({
  targets: [
    { target: 'pino/file', options: { destination: 1 } },
    { target: 'pino-socket', options: { address: process.env.LOG_COLLECTOR_HOST, port: 514, mode: 'udp' } }, // LEAK(transmission): logs shipped as cleartext UDP syslog to a remote collector
  ],
});

export const logger = pino(
  {
    level: process.env.LOG_LEVEL ?? 'info',
    redact: ['req.headers.authorization', 'req.headers.cookie'],
    base: { service: 'brightpath-portal' },
  },
  transport,
);
