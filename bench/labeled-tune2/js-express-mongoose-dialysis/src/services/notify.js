const axios = require('axios');

async function notify(text) {
  if (!process.env.TEAMS_WEBHOOK_URL) return;
  await axios.post(process.env.TEAMS_WEBHOOK_URL, { text }, { timeout: 5000 });
}

module.exports = { notify };
