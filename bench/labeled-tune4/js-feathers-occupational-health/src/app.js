const { feathers } = require('@feathersjs/feathers');
const configuration = require('@feathersjs/configuration');
const express = require('@feathersjs/express');
const socketio = require('@feathersjs/socketio');
const { authentication } = require('./authentication');
const { logError } = require('./hooks/log-error');
const { logger } = require('./logger');
const { mongodb } = require('./mongodb');
const services = require('./services');
const { channels } = require('./channels');

const app = express(feathers());

app.configure(configuration());
app.use(express.cors({ origin: app.get('origins') }));
app.use(express.json({ limit: '5mb' }));
app.use(express.urlencoded({ extended: true }));
app.configure(express.rest());
app.configure(socketio({ cors: { origin: app.get('origins') } }));
app.configure(mongodb);
app.configure(authentication);
app.configure(services);
app.configure(channels);

app.use(express.notFound());
app.use(express.errorHandler({ logger }));

app.hooks({ around: { all: [logError] } });

module.exports = { app };
