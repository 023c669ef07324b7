const { AuthenticationService, JWTStrategy } = require('@feathersjs/authentication');
const { LocalStrategy } = require('@feathersjs/authentication-local');
const jwt = require('jsonwebtoken');

const authentication = (app) => {
  const auth = new AuthenticationService(app);
  auth.register('jwt', new JWTStrategy());
  auth.register('local', new LocalStrategy());
  app.use('authentication', auth);
};

/** Employers download their export from a link in the notification email. */
function exportLinkToken(app, exportId) {
  return jwt.sign({ exportId }, app.get('authentication').secret, { expiresIn: '10m' }); // SAFE(session): ten-minute download link
}

/** Lobby kiosk: workers scan the QR code printed on their authorization form. */
function readCheckinToken(app, token) {
  return jwt.verify(token, app.get('authentication').secret, { ignoreExpiration: true }); // LEAK(session): check-in tokens (which open the worker's visit) are accepted forever
}

module.exports = { authentication, exportLinkToken, readCheckinToken };
