'use strict';

const axios = require('axios');
const config = require('../../config/app.config.json');

// access events go to the PMS audit endpoint, which keeps them for six years
async function recordAccess(event) {
  await axios.post(`${config.practiceApi.baseUrl}/audit/events`, event, { timeout: 5000 });
}

module.exports = { recordAccess };
