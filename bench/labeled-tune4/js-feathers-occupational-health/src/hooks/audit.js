/**
 * Registered as an `around.all` hook on every service that serves employee health data.
 * Writes who did what to which record into the `audit-log` service after the call resolves.
 */
const auditTrail = (resource) => async (context, next) => {
  await next();
  if (!context.params.provider) return; // internal calls are covered by their caller
  const user = context.params.user || {};
  await context.app.service('audit-log').create({
    at: new Date(),
    actor: user._id ? String(user._id) : null,
    resource,
    method: context.method,
    target: context.id != null ? String(context.id) : null,
  });
};

module.exports = { auditTrail };
