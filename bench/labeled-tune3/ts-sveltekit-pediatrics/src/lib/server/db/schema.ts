import { customType, date, integer, numeric, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { open, seal } from '../crypto';

/** Column type that seals values with AES-GCM on write and opens them on read. */
const sealedText = customType<{ data: string; driverData: string }>({
  dataType: () => 'text',
  toDriver: (value) => seal(value),
  fromDriver: (value) => open(value)
});

export const patients = pgTable('patients', {
  id: uuid('id').primaryKey().defaultRandom(),
  mrn: sealedText('mrn').notNull(), // SAFE(storage): MRN sealed by the custom column type
  firstName: sealedText('first_name').notNull(),
  lastName: sealedText('last_name').notNull(),
  birthDate: sealedText('birth_date').notNull(),
  guardianName: sealedText('guardian_name').notNull(),
  guardianPhone: sealedText('guardian_phone').notNull(),
  guardianEmail: sealedText('guardian_email'),
  allergies: text('allergies'), // LEAK(storage): allergy list kept in plaintext while the same table seals identifiers
  createdAt: timestamp('created_at').defaultNow()
});

export const growthMeasurements = pgTable('growth_measurements', {
  id: uuid('id').primaryKey().defaultRandom(),
  patientId: uuid('patient_id').references(() => patients.id).notNull(),
  measuredOn: date('measured_on').notNull(),
  ageMonths: integer('age_months').notNull(),
  weightKg: numeric('weight_kg'),
  lengthCm: numeric('length_cm'),
  headCm: numeric('head_circumference_cm'),
  bmiPercentile: numeric('bmi_percentile')
});

export const auditEvents = pgTable('audit_events', {
  id: uuid('id').primaryKey().defaultRandom(),
  actor: text('actor').notNull(),
  action: text('action').notNull(),
  resourceId: text('resource_id'),
  at: timestamp('at').defaultNow()
});

export const staffSessions = pgTable('staff_sessions', {
  id: text('id').primaryKey(),
  staffId: text('staff_id').notNull(),
  lastSeen: timestamp('last_seen').notNull(),
  expiresAt: timestamp('expires_at').notNull()
});
