'use strict';

const Jwt = require('jsonwebtoken');
const config = require('../../config');
const { Staff } = require('../models/appointment');

exports.plugin = {
  name: 'ngfm-auth',
  async register(server) {
    await server.register([require('@hapi/cookie'), require('hapi-auth-jwt2')]);

    server.auth.strategy('session', 'cookie', {
      cookie: config.cookie,
      keepAlive: false,
      redirectTo: false,
      validate: async (request, session) => {
        const staff = await Staff.findById(session.staffId).lean();
        if (!staff || !staff.active) return { isValid: false };
        return { isValid: true, credentials: { staffId: String(staff._id), role: staff.role } };
      },
    });

    server.auth.strategy('jwt', 'jwt', {
      key: config.jwt.key,
      verifyOptions: { algorithms: config.jwt.algorithms }, // SAFE(crypto): algorithm pinned, signature verified
      validate: async (decoded) => ({ isValid: Boolean(decoded.staffId), credentials: decoded }),
    });

    server.auth.default('session');

    server.route({
      method: 'POST',
      path: '/auth/token',
      options: {
        handler: (request) => {
          const { staffId, role } = request.auth.credentials;
          return { token: Jwt.sign({ staffId, role }, config.jwt.key, { expiresIn: config.jwt.tokenTtl }) };
        },
      },
    });
  },
};
