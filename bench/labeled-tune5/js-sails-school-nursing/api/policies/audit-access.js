/**
 * audit-access: records who touched which action and target once the response is finished.
 */
module.exports = async function (req, res, proceed) {
  const startedAt = Date.now();
  res.once('finish', () => {
    sails.helpers.recordAudit
      .with({
        actor: String(req.session.userId),
        action: req.options.action,
        target: req.param('id') ? String(req.param('id')) : null,
        status: res.statusCode,
        ip: req.ip,
      })
      .catch((err) => sails.log.error('audit write failed after %dms: %s', Date.now() - startedAt, err.code));
  });
  return proceed();
};
