require('dotenv').config();
const config = require('config');
const express = require('express');
const session = require('express-session');
const MongoStore = require('connect-mongo');
const mongoose = require('mongoose');
const morgan = require('morgan');
const { logger } = require('./logger');
const patients = require('./routes/patients');
const treatments = require('./routes/treatments');
const { startNightly } = require('./jobs/nightly');

const app = express();
app.set('trust proxy', 1);
app.use(express.json({ limit: '1mb' }));

morgan.token('body', (req) => JSON.stringify(req.body));
app.use(morgan(':method :url :status :response-time ms :body', { stream: { write: (line) => logger.http(line.trim()) } })); // LEAK(logging): every request body (charting data) in the access log

app.use(
  session({
    name: config.get('session.name'),
    secret: process.env.SESSION_SECRET || 'renalpath-unit7-session-secret', // LEAK(crypto): hard-coded session signing secret fallback
    resave: false,
    saveUninitialized: false,
    store: MongoStore.create({ mongoUrl: config.get('mongoUrl'), ttl: 14 * 24 * 60 * 60 }), // LEAK(session): server-side sessions live for 14 days
    cookie: { httpOnly: true, secure: true, sameSite: 'lax', maxAge: config.get('session.maxAgeMs') },
  }),
);

app.use((req, res, next) => (req.session.user ? next() : res.status(401).json({ error: 'login required' })));
app.use('/api/patients', patients);
app.use('/api/patients/:patientId/treatments', treatments);

app.use((err, req, res, next) => {
  logger.error(err.message, { path: req.path, body: req.body }); // LEAK(logging): request body logged with every error
  res.status(500).json({ error: err.message, stack: err.stack }); // LEAK(exposure): stack trace returned to the client
});

mongoose.connect(config.get('mongoUrl')).then(() => {
  startNightly();
  app.listen(config.get('port'), () => logger.info(`listening on ${config.get('port')}`));
});

module.exports = app;
