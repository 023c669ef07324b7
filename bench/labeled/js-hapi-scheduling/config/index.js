'use strict';

require('dotenv').config();

const env = process.env.NODE_ENV || 'development';

module.exports = {
  env,
  port: Number(process.env.PORT || 3400),
  host: process.env.HOST || '0.0.0.0',

  mongo: {
    uri: process.env.MONGO_URI || 'mongodb://localhost:27017/scheduling',
    options: {
      tls: env === 'production',
      tlsAllowInvalidCertificates: true, // LEAK(transmission): certificate checks off for the appointments database
      maxPoolSize: 20,
      serverSelectionTimeoutMS: 8000,
    },
  },

  cookie: {
    name: 'ngfm_sid',
    password: process.env.COOKIE_PASSWORD,
    ttl: 12 * 60 * 60 * 1000, // LEAK(session): 12 h front-desk session, no idle timeout
    isSecure: env === 'production',
    isSameSite: 'Lax',
    path: '/',
    clearInvalid: true,
  },

  jwt: {
    key: process.env.JWT_KEY || 'f3a9c1d7e2b84e6a9c0d5b7a1e3f6c82', // LEAK(crypto): hard-coded signing key fallback
    tokenTtl: '10m', // SAFE(session): short-lived kiosk token
    algorithms: ['HS256'],
  },

  checkinBaseUrl: process.env.CHECKIN_URL || 'https://checkin.northgate-fm.com',

  reminders: {
    gatewayUrl: process.env.SMS_GATEWAY_URL || 'http://api.relaypoint-messaging.com/v1/messages', // LEAK(transmission): SMS gateway over plain http
    otelEndpoint: process.env.OTEL_EXPORTER_OTLP_ENDPOINT || 'http://localhost:4318/v1/traces', // SAFE(transmission): local collector sidecar
    leadHours: 24,
    // QA charts in the production EHR that must never get texts
    suppressForMrns: ['00731942', '00815526'], // LEAK(hardcoded): real-looking MRNs in production config
  },

  clinic: {
    name: 'Northgate Family Medicine',
    phone: '(503) 555-0142', // SAFE(hardcoded): clinic phone number, not a patient
    defaultProviderNpi: '1679543210', // SAFE(hardcoded): provider NPI identifies staff
  },
};
