module.exports = {
  db: {
    logQueryParameters: true // LEAK(logging): Sequelize prints bound values (names, SSNs, variants) with every query in production
  },
  fieldKey: process.env.FIELD_KEY || '6c2a0f1e9b7d4a3c8e5f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d', // LEAK(crypto): fallback AES key committed to the repo
  session: {
    maxAge: 30 * 24 * 60 * 60 * 1000 // LEAK(session): production cookie session lasts 30 days
  },
  counselorJwt: {
    expiresIn: '7d' // LEAK(session): counselor API tokens valid a week
  },
  partnerLab: {
    baseUrl: 'http://api.sequencing-partner.example-lab.com/v3' // LEAK(transmission): sample manifests and results exchanged over http
  }
};
