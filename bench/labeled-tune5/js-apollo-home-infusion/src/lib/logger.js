const log4js = require('log4js');

log4js.configure({
  appenders: {
    out: { type: 'stdout', layout: { type: 'pattern', pattern: '%d %p %c %m' } },
    file: { type: 'file', filename: '/var/log/infusion-graph/app.log', maxLogSize: 50 * 1024 * 1024, backups: 7 },
  },
  categories: {
    default: { appenders: ['out', 'file'], level: process.env.LOG_LEVEL || 'info' },
  },
});

module.exports = (category) => log4js.getLogger(category);
