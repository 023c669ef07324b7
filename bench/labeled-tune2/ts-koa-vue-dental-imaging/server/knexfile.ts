import type { Knex } from 'knex';

const config: Knex.Config = {
  client: 'pg',
  connection: {
    connectionString: process.env.DATABASE_URL,
    ssl: { rejectUnauthorized: false }, // LEAK(transmission): database certificate never verified
  },
  pool: { min: 2, max: 10 },
  migrations: { directory: './migrations', extension: 'ts' },
};

export default config;
