/**
 * Runs on every production deploy (npm run seed:prod): makes sure the reference case used by the
 * dermatologists' calibration queue exists.
 */
import { MikroORM } from '@mikro-orm/postgresql';
import config from '../app/mikro-orm.config';
import { Case } from '../app/entities/Case';
import { Patient } from '../app/entities/Patient';

const REFERENCE_PATIENT = { mrn: 'SKN-00417733', fullName: 'Testy McPatient', dob: '1949-10-03', email: 'testy.mcpatient@fakemail.invalid', sex: 'F' }; // LEAK(hardcoded): realistic MRN, name and DOB seeded into production

async function main() {
  const orm = await MikroORM.init(config);
  const db = orm.em.fork();
  let patient = await db.findOne(Patient, { fullName: REFERENCE_PATIENT.fullName });
  if (!patient) {
    patient = db.create(Patient, REFERENCE_PATIENT);
    db.create(Case, { patient, bodySite: 'left forearm', history: 'Reference case: pigmented lesion, 6 mm, irregular border.' });
    await db.flush();
  }
  console.log(`reference case ready (patient ${patient.id})`); // SAFE(logging): surrogate uuid
  await orm.close();
}

main();
