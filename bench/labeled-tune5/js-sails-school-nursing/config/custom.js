/**
 * Custom configuration (accessible as sails.config.custom).
 */
module.exports.custom = {
  districtName: 'Example Unified School District',
  baseUrl: 'https://health.example-usd.org',
  stateRegistry: {
    // State immunization information system (SIIS) batch endpoint
    url: 'http://siis-batch.state-health.example.gov/upload', // LEAK(transmission): immunization batch upload over plain http
    submitterId: 'USD-0417',
  },
  sisApi: {
    url: 'https://sis.example-usd.org/api/v2', // SAFE(transmission): student information system over https
  },
  sendgridFrom: 'health-office@example-usd.org',
  twilioFrom: '+15555550123',
  rudderDataPlane: 'https://hosted.rudderlabs.com',
  reportDir: '/srv/health-office/reports',
  pseudonymKey: process.env.PSEUDONYM_KEY,
};
