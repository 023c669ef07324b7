const { app } = require('./app');
const { logger } = require('./logger');

const port = app.get('port');
const host = app.get('host');

process.on('unhandledRejection', (reason) => logger.error('Unhandled Rejection %O', reason));

app.listen(port).then(() => {
  logger.info(`WorkSafe API listening on http://${host}:${port}`); // SAFE(transmission): startup banner text, not an outbound endpoint (TLS ends at the load balancer)
});
