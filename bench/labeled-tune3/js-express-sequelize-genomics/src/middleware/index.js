const config = require('config');
const jwt = require('jsonwebtoken');
const { DataTypes, Model } = require('sequelize');
const sequelize = require('../db');

class AccessLog extends Model {}
AccessLog.init(
  {
    actor: { type: DataTypes.STRING(64), allowNull: false },
    method: { type: DataTypes.STRING(8) },
    route: { type: DataTypes.STRING(128) },
    resourceId: { type: DataTypes.STRING(64) },
    status: { type: DataTypes.INTEGER }
  },
  { sequelize, tableName: 'access_log', updatedAt: false }
);

/** Router-level middleware: records who touched which resource once the response is finished. */
function auditTrail(req, res, next) {
  res.on('finish', () => {
    AccessLog.create({
      actor: req.auth ? req.auth.sub : 'anonymous',
      method: req.method,
      route: req.baseUrl + (req.route ? req.route.path : ''),
      resourceId: req.params.id || req.params.orderId || null,
      status: res.statusCode
    }).catch(() => {});
  });
  next();
}

const { secret, expiresIn } = config.get('counselorJwt');

function issueCounselorToken(user) {
  return jwt.sign({ sub: user.id, role: user.role, clinic: user.clinicId }, secret, { expiresIn });
}

function requireCounselor(req, res, next) {
  const header = req.get('authorization') || '';
  try {
    req.auth = jwt.verify(header.replace(/^Bearer /, ''), secret, { algorithms: ['HS256'] }); // SAFE(crypto): HS256 signature and expiry verified
    return next();
  } catch (err) {
    return res.status(401).json({ error: 'unauthorized' });
  }
}

module.exports = { auditTrail, AccessLog, issueCounselorToken, requireCounselor };
