const mongoose = require('mongoose');

const AuditEntry = mongoose.model(
  'AuditEntry',
  new mongoose.Schema({
    userId: String,
    action: String,
    patientId: String,
    method: String,
    status: Number,
    at: { type: Date, default: Date.now },
  }),
);

function audit(action) {
  return (req, res, next) => {
    res.on('finish', () => {
      AuditEntry.create({
        userId: req.session?.user?.id,
        action,
        patientId: req.params.patientId || req.params.id,
        method: req.method,
        status: res.statusCode,
      }).catch(() => {});
    });
    next();
  };
}

module.exports = { audit, AuditEntry };
