import { BaseSeeder } from '@adonisjs/lucid/seeders'
import { DateTime } from 'luxon'
import Patient from '#models/patient'

export default class DevDemoSeeder extends BaseSeeder {
  static environment = ['development']

  async run() {
    await Patient.createMany([
      { mrn: 'WC0000001', firstName: 'Jane', lastName: 'Testpatient', dob: DateTime.fromISO('1970-01-01'), ssn: '000-00-0000', status: 'active' } as any, // SAFE(hardcoded): dev-only demo data
    ])
  }
}
