module.exports = {
  tableName: 'audit_events',
  attributes: {
    actor: { type: 'string', required: true },
    action: { type: 'string', required: true },
    target: { type: 'string', allowNull: true },
    status: { type: 'number' },
    ip: { type: 'string' },
  },
};
