const config = require('config');
const { Sequelize } = require('sequelize');
const logger = require('../logger');

const sequelize = new Sequelize(config.get('db.url'), {
  dialect: 'postgres',
  dialectOptions: { ssl: { require: true, rejectUnauthorized: true } },
  logging: (sql, ms) => logger.info({ sql, ms }, 'sequelize'),
  benchmark: true,
  logQueryParameters: config.get('db.logQueryParameters'),
  pool: { max: 10, idle: 10000 }
});

module.exports = sequelize;
