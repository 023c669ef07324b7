import { defineConfig } from '@mikro-orm/postgresql';
import { TsMorphMetadataProvider } from '@mikro-orm/reflection';
import { AuditEvent } from './entities/AuditEvent';
import { Case } from './entities/Case';
import { Patient } from './entities/Patient';
import { Photo } from './entities/Photo';

export default defineConfig({
  clientUrl: process.env.DATABASE_URL,
  entities: [Patient, Case, Photo, AuditEvent],
  metadataProvider: TsMorphMetadataProvider,
  debug: ['query', 'query-params'], // LEAK(logging): every query is logged with its bound parameters (names, DOBs, lesion notes)
  driverOptions: {
    connection: { ssl: { rejectUnauthorized: false } }, // LEAK(transmission): certificate verification disabled for the database connection
  },
  pool: { min: 2, max: 10 },
});
