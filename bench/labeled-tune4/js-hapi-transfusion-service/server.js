'use strict';

require('dotenv').config();
const Hapi = require('@hapi/hapi');
const Knex = require('knex');
const { Model } = require('objection');
const CatboxRedis = require('@hapi/catbox-redis');
const agenda = require('./lib/jobs/agenda');
const { Patient } = require('./lib/models');
const { ensureQcPatient } = require('./lib/qc');

async function start() {
  Model.knex(Knex({ client: 'pg', connection: process.env.DATABASE_URL, pool: { min: 2, max: 10 } }));

  const server = Hapi.server({
    port: Number(process.env.PORT || 8443),
    tls: { key: require('node:fs').readFileSync('/etc/bb/tls.key'), cert: require('node:fs').readFileSync('/etc/bb/tls.crt'), minVersion: 'TLSv1.2' }, // SAFE(transmission): server TLS with a 1.2 floor
    cache: [{ name: 'redis', provider: { constructor: CatboxRedis.Engine, options: { url: process.env.REDIS_URL, partition: 'bb' } } }],
    routes: { response: { emptyStatusCode: 204 } },
  });

  await server.register([
    require('./lib/plugins/logging'),
    require('@hapi/cookie'),
    require('./lib/plugins/auth'),
    require('./lib/plugins/audit'),
    {
      plugin: require('@hapi/yar'),
      options: { name: 'bb_ui', maxCookieSize: 2048, cookieOptions: { password: process.env.COOKIE_PASSWORD, isSecure: true, isSameSite: 'Strict' } },
    },
  ]);

  server.app.patientCache = server.cache({ cache: 'redis', segment: 'patients', expiresIn: 30 * 60 * 1000 });
  server.app.agenda = agenda;
  server.app.staffDirectory = require('./lib/staff-directory');

  server.route([
    ...require('./lib/routes/patients'),
    ...require('./lib/routes/crossmatch'),
    ...require('./lib/routes/issue'),
    ...require('./lib/routes/reactions'),
    ...require('./lib/routes/reports'),
    { method: 'GET', path: '/healthz', options: { auth: false }, handler: () => ({ ok: true }) },
  ]);

  await ensureQcPatient(Patient);
  await agenda.start();
  await server.start();
  server.log(['startup'], `transfusion service listening on ${server.info.uri}`);
}

process.on('unhandledRejection', (err) => {
  console.error(err);
  process.exit(1);
});

start();
