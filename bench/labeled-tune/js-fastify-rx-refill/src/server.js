'use strict';

require('dotenv').config();
const Fastify = require('fastify');
const Sentry = require('@sentry/node');
const config = require('config');

Sentry.init({ dsn: process.env.SENTRY_DSN, tracesSampleRate: 0.05 });

const app = Fastify({
  logger: { level: process.env.LOG_LEVEL || 'info' },
  trustProxy: config.get('server.trustProxy'),
});

app.register(require('@fastify/cookie'));
app.register(require('@fastify/session'), {
  secret: process.env.SESSION_SECRET,
  cookieName: 'rxsid',
  cookie: {
    secure: true,
    httpOnly: true,
    sameSite: 'lax',
    maxAge: 30 * 24 * 60 * 60 * 1000, // LEAK(session): 30-day patient session cookie
  },
  rolling: false,
});

app.register(require('./plugins/security'));
app.register(require('./routes/patients'), { prefix: '/api/patients' });
app.register(require('./routes/refills'), { prefix: '/api/refills' });

app.get('/healthz', async () => ({ ok: true })); // SAFE(audit): no patient data touched

app.setErrorHandler((err, request, reply) => {
  Sentry.captureException(err);
  request.log.error({ err }, 'request failed');
  const status = err.statusCode || 500;
  reply.code(status).send({ error: status >= 500 ? 'internal_error' : err.message });
});

app.listen({ port: config.get('server.port'), host: '0.0.0.0' }).catch((err) => {
  app.log.error(err);
  process.exit(1);
});
