/**
 * Session configuration (nurse and health-aide logins).
 */
module.exports.session = {
  secret: process.env.SESSION_SECRET,
  adapter: '@sailshq/connect-redis',
  url: process.env.SESSION_REDIS_URL,
  cookie: {
    secure: true,
    httpOnly: true,
    sameSite: 'strict',
    maxAge: 10 * 60 * 60 * 1000, // LEAK(session): login cookie lasts a 10-hour school day regardless of inactivity
  },
  isSessionDisabled: function (req) {
    return !!req.path.match(req._sails.LOOKS_LIKE_ASSET_RX);
  },
};
