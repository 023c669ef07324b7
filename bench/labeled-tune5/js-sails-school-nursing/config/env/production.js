module.exports = {
  port: 1337,
  http: {
    trustProxy: true,
    cache: 365.25 * 24 * 60 * 60 * 1000, // SAFE(session): static asset cache max-age, not a login session
  },
  sockets: {
    onlyAllowOrigins: ['https://health.example-usd.org'],
  },
  log: {
    level: 'verbose',
  },
  custom: {
    baseUrl: 'https://health.example-usd.org',
  },
};
