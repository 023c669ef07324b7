const crypto = require('crypto');

module.exports = {
  friendlyName: 'Pseudonym',
  sync: true,
  inputs: { value: { type: 'string', required: true } },
  fn: function ({ value }) {
    return crypto.createHmac('sha256', sails.config.custom.pseudonymKey).update(value).digest('hex'); // SAFE(crypto): keyed HMAC pseudonym
  },
};
