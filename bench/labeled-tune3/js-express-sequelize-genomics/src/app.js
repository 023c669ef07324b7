const config = require('config');
const cookieSession = require('cookie-session');
const express = require('express');
const pinoHttp = require('pino-http');
const logger = require('./logger');

const app = express();
app.set('trust proxy', 1);
app.use(express.json({ limit: '2mb' }));
app.use(
  pinoHttp({
    logger,
    customProps: (req) => ({ body: req.body }), // LEAK(logging): every request body (names, DOB, family history, variants) attached to the access log
    serializers: { req: (req) => ({ id: req.id, method: req.method, url: req.url }) }
  })
);
app.use(
  cookieSession({
    ...config.get('session'),
    secure: true,
    httpOnly: true,
    sameSite: 'strict'
  })
);

app.use('/api/patients', require('./routes/patients'));
app.use('/api/orders', require('./routes/orders'));
app.use('/api/results', require('./routes/results'));

app.get('/healthz', (req, res) => res.json({ ok: true }));

// eslint-disable-next-line no-unused-vars
app.use((err, req, res, next) => {
  req.log.error({ err: err.message, route: req.originalUrl }, 'request failed');
  res.status(err.status || 500).json({ error: err.message, detail: err.errors || null, stack: err.stack }); // LEAK(exposure): Sequelize validation errors echo field values (name, DOB, SSN) back to the client
});

if (require.main === module) {
  const sequelize = require('./db');
  const jobs = require('./jobs');
  (async () => {
    await sequelize.authenticate();
    await jobs.start();
    app.listen(config.get('port'), () => logger.info({ port: config.get('port') }, 'helix api listening'));
  })();
}

module.exports = app;
