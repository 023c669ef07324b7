const Honeybadger = require('@honeybadger-io/js');
const { logger } = require('../logger');

Honeybadger.configure({ apiKey: process.env.HONEYBADGER_API_KEY, environment: process.env.NODE_ENV });

const logError = async (context, next) => {
  try {
    await next();
  } catch (error) {
    logger.error(error.stack);
    if (error.data) {
      logger.error('Data: %O', error.data); // LEAK(logging): FeathersError data (employee record / result payloads) written to the log
    }
    Honeybadger.notify(error, { context: { service: context.path, method: context.method, id: context.id } }); // SAFE(logging): service path, method and surrogate id
    throw error;
  }
};

module.exports = { logError, Honeybadger };
