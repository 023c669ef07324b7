import { BaseSeeder } from '@adonisjs/lucid/seeders'
import { DateTime } from 'luxon'
import Patient from '#models/patient'

/**
 * Seeds the QA patient used by the post-deploy smoke run. Runs in every environment.
 */
export default class QaPatientSeeder extends BaseSeeder {
  static environment = ['development', 'production']

  async run() {
    await Patient.updateOrCreate(
      { mrn: 'WC0041882' },
      {
        firstName: 'Testy',
        lastName: 'McWound',
        dob: DateTime.fromISO('1950-02-14'),
        ssn: '000-41-8827', // LEAK(hardcoded): SSN-format value seeded into production
        status: 'active',
      } as any
    )
  }
}
