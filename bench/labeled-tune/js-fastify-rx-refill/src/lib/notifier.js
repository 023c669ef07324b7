'use strict';

const nodemailer = require('nodemailer');
const Mixpanel = require('mixpanel');

const mixpanel = Mixpanel.init(process.env.MIXPANEL_TOKEN || 'dev');

const transport = nodemailer.createTransport({
  host: process.env.SMTP_HOST,
  port: Number(process.env.SMTP_PORT || 25),
  secure: false,
  ignoreTLS: true, // LEAK(transmission): refill emails relayed without STARTTLS
});

async function email(to, subject, text) {
  return transport.sendMail({ from: 'Pharmacy <refills@pharmacy-example.com>', to, subject, text });
}

function profile(distinctId, props) {
  mixpanel.people.set(distinctId, props);
}

function event(name, props) {
  mixpanel.track(name, props);
}

module.exports = { email, profile, event };
