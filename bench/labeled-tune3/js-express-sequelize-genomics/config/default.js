module.exports = {
  port: 8080,
  db: {
    url: process.env.DATABASE_URL,
    logQueryParameters: false
  },
  fieldKey: process.env.FIELD_KEY,
  session: {
    name: 'helix.sid',
    keys: [process.env.SESSION_KEY],
    maxAge: 15 * 60 * 1000 // SAFE(session): 15-minute cookie session by default
  },
  counselorJwt: {
    secret: process.env.COUNSELOR_JWT_SECRET,
    expiresIn: '15m'
  },
  partnerLab: {
    baseUrl: 'https://api.sequencing-partner.example-lab.com/v3',
    sftpHost: 'sftp.sequencing-partner.example-lab.com'
  },
  smtp: { host: 'smtp.helixlab.example.org', port: 465, secure: true },
  slackWebhook: process.env.SLACK_WEBHOOK_URL,
  segmentWriteKey: process.env.SEGMENT_WRITE_KEY,
  uploadDir: '/var/lib/helix/uploads'
};
