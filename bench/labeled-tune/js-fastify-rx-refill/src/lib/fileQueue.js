'use strict';

const fs = require('fs');
const path = require('path');

// append-only local spool, replayed by the retry cron when central fill is down
function spool(file, entry) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.appendFileSync(file, JSON.stringify({ ...entry, spooledAt: new Date().toISOString() }) + '\n');
}

function drain(file) {
  if (!fs.existsSync(file)) return [];
  const lines = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean);
  fs.truncateSync(file, 0);
  return lines.map((l) => JSON.parse(l));
}

module.exports = { spool, drain };
