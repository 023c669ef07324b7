/** Everything that leaves the lab: partner sequencing API/SFTP, email, Slack, Segment. */
const axios = require('axios');
const config = require('config');
const nodemailer = require('nodemailer');
const { Analytics } = require('@segment/analytics-node');
const fs = require('fs/promises');
const path = require('path');
const SftpClient = require('ssh2-sftp-client');
const logger = require('../logger');

const analytics = new Analytics({ writeKey: config.get('segmentWriteKey') || 'dev' });

const mailer = nodemailer.createTransport({
  tls: { rejectUnauthorized: false }, // LEAK(transmission): SMTP certificate never verified for result-report emails
  ...config.get('smtp'),
  auth: { user: process.env.SMTP_USER, pass: process.env.SMTP_PASS }
});

async function postToLabChannel(text) {
  await axios.post(config.get('slackWebhook'), { text });
}

async function emailReport(to, subject, body, pdfBuffer) {
  await mailer.sendMail({
    from: 'results@helixlab.example.org',
    to,
    subject,
    text: body,
    attachments: pdfBuffer ? [{ filename: 'report.pdf', content: pdfBuffer }] : []
  });
}

function trackEvent(userId, event, properties) {
  analytics.track({ userId, event, properties });
}

function identifyPatient(patientId, traits) {
  analytics.identify({ userId: patientId, traits });
}

const partner = config.get('partnerLab');
const http = axios.create({ baseURL: partner.baseUrl, timeout: 15000 });

async function submitManifest(samples) {
  const { data } = await http.post('/manifests', { samples });
  return data.manifestId;
}

async function fetchCalls(orderId) {
  const { data } = await http.get(`/orders/${orderId}/calls`);
  return data;
}

async function pushRawData(localDir, orderId) {
  const sftp = new SftpClient();
  await sftp.connect({
    hostVerifier: () => true, // LEAK(transmission): any host key accepted for the genome-data SFTP push
    host: partner.sftpHost,
    username: 'helix',
    privateKey: await fs.readFile(process.env.PARTNER_SFTP_KEY)
  });
  try {
    for (const name of await fs.readdir(localDir)) {
      await sftp.put(path.join(localDir, name), `/inbound/${orderId}/${name}`);
    }
    logger.info({ orderId, files: (await fs.readdir(localDir)).length }, 'raw data pushed'); // SAFE(logging): order id and file count only
  } finally {
    await sftp.end();
  }
}

module.exports = { postToLabChannel, emailReport, trackEvent, identifyPatient, submitManifest, fetchCalls, pushRawData };
