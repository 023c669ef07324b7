const { logger } = require('../logger');

/** Pushes exam outcomes to the employer's HR system (webhook URL stored per employer). */
async function notifyEmployer(app, employer, payload) {
  const res = await fetch(employer.webhookUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-worksafe-signature': employer.signingKeyId },
    body: JSON.stringify(payload),
    signal: AbortSignal.timeout(app.get('employerWebhookTimeoutMs')),
  });
  logger.info('employer webhook %s -> %d', employer._id, res.status); // SAFE(logging): employer id and status
  return res.ok;
}

module.exports = { notifyEmployer };
