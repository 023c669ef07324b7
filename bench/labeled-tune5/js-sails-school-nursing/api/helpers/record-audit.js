module.exports = {
  friendlyName: 'Record audit',
  inputs: {
    actor: { type: 'string', required: true },
    action: { type: 'string', required: true },
    target: { type: 'string', allowNull: true },
    status: { type: 'number', defaultsTo: 200 },
    ip: { type: 'string', defaultsTo: '' },
  },
  fn: async function ({ actor, action, target, status, ip }) {
    await AuditEvent.create({ actor, action, target, status, ip });
  },
};
