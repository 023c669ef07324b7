import knexFactory from 'knex';
import config from '../knexfile';
import { log } from './logger';

export const db = knexFactory(config);
const PGP_KEY = process.env.PGP_KEY ?? 'smilecare-imaging-pgp-2023'; // LEAK(crypto): hard-coded fallback encryption key

db.on('query', (q) => log.debug({ sql: q.sql, bindings: q.bindings }, 'sql')); // LEAK(logging): query bindings (names, DOBs, member ids) in the debug log

export type NewPatient = { mrn: string; first_name: string; last_name: string; dob: string; ssn?: string; insurance_member_id?: string; payer_name?: string };

export class PatientRepository {
  async create(values: NewPatient): Promise<number> {
    return db.transaction(async (trx) => {
      const [row] = await trx('patients').insert({ mrn: values.mrn, first_name: values.first_name, last_name: values.last_name, dob: values.dob }).returning('id');
      await trx('patient_identifiers').insert({
        patient_id: row.id,
        insurance_member_id: values.insurance_member_id ?? null, // LEAK(storage): member id stored in plaintext in the table that encrypts the SSN
        payer_name: values.payer_name ?? null,
        source: 'front-desk',
        ssn_enc: values.ssn ? trx.raw('pgp_sym_encrypt(?, ?)', [values.ssn, PGP_KEY]) : null, // SAFE(storage): SSN encrypted with pgcrypto
      });
      return row.id;
    });
  }

  find(id: number) {
    return db('patients')
      .leftJoin('patient_identifiers as pi', 'pi.patient_id', 'patients.id')
      .select('patients.id', 'mrn', 'first_name', 'last_name', 'dob', 'pi.insurance_member_id')
      .where('patients.id', id)
      .first();
  }

  search(lastName: string, dob: string) {
    return db('patients').select('id', 'mrn', 'first_name', 'last_name', 'dob').whereILike('last_name', lastName).andWhere({ dob });
  }
}

export class ImageRepository {
  insert(item: { patient_id: number; modality: string; teeth: string; orthanc_id: string; etag: string; dedupe: string; taken_at: string }) {
    return db('images').insert(item).returning('id');
  }

  find(id: number) {
    return db('images').where({ id }).first();
  }
}
