'use strict';

const Knex = require('knex');

const knex = Knex({ client: 'pg', connection: process.env.DATABASE_URL });

async function lookup(staffId) {
  if (!staffId) return null;
  return knex('staff').where({ id: staffId }).first('id', 'role', 'active');
}

module.exports = { lookup };
