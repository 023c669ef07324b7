'use strict';

module.exports = {
  name: 'bb-auth',
  version: '1.0.0',
  dependencies: ['@hapi/cookie'],
  register(server) {
    server.auth.strategy('session', 'cookie', {
      cookie: {
        name: 'bb_sid',
        password: process.env.COOKIE_PASSWORD || 'transfusion-service-cookie-password-2019-0001', // LEAK(crypto): hard-coded iron sealing password used when the env var is missing
        isSecure: true,
        isHttpOnly: true,
        isSameSite: 'Strict',
        ttl: 24 * 60 * 60 * 1000, // LEAK(session): 24-hour staff cookie, no sliding idle timeout
        clearInvalid: true,
      },
      keepAlive: false,
      redirectTo: false,
      validate: async (request, session) => {
        const staff = await request.server.app.staffDirectory.lookup(session.staffId);
        return { isValid: Boolean(staff && staff.active), credentials: { staffId: staff && staff.id, role: staff && staff.role } };
      },
    });
    server.auth.default('session');

    server.auth.strategy('fridge', 'cookie', {
      cookie: {
        name: 'bb_fridge',
        password: process.env.COOKIE_PASSWORD,
        isSecure: true,
        ttl: 5 * 60 * 1000, // SAFE(session): remote blood-fridge kiosk session lasts five minutes
      },
      validate: async (request, session) => ({ isValid: Boolean(session.fridgeId), credentials: { staffId: session.badgeId, role: 'fridge' } }),
    });
  },
};
