const nodemailer = require('nodemailer');

function transport(app) {
  const cfg = app.get('mailer') || { host: 'localhost', port: 587 };
  return nodemailer.createTransport({
    host: cfg.host,
    port: cfg.port,
    requireTLS: true,
    tls: { rejectUnauthorized: false }, // LEAK(transmission): SMTP relay certificate not verified
    auth: { user: process.env.SMTP_USER, pass: process.env.SMTP_PASS },
  });
}

module.exports = { transport };
