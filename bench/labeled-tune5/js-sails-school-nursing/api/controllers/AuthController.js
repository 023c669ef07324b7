const bcrypt = require('bcryptjs');

module.exports = {
  login: async function (req, res) {
    const email = String(req.param('email') || '').toLowerCase();
    const user = await sails.getDatastore().sendNativeQuery('SELECT id, password_hash, role FROM staff WHERE email = $1', [email]);
    const row = user.rows[0];
    if (!row || !(await bcrypt.compare(req.param('password'), row.password_hash))) {
      sails.log.warn('failed nurse login for %s from %s', email, req.ip); // SAFE(logging): staff email, not patient data
      return res.forbidden();
    }
    req.session.userId = row.id;
    req.session.role = row.role;
    return res.ok({ id: row.id, role: row.role });
  },

  logout: async function (req, res) {
    req.session.destroy(() => res.ok());
  },
};
