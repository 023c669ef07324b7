import { sqliteTable, text, integer } from 'drizzle-orm/sqlite-core';

export const patients = sqliteTable('patients', {
  id: text('id').primaryKey(),
  nameEnc: text('name_enc').notNull(), // SAFE(storage): AES-GCM ciphertext from encryptField()
  dobEnc: text('dob_enc').notNull(),
  phoneEnc: text('phone_enc'),
  emailEnc: text('email_enc'),
  memberId: text('member_id').notNull(), // LEAK(storage): plaintext member id while the other identifiers are encrypted
  memberKey: text('member_key').notNull().unique(),
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
});

export const prescriptions = sqliteTable('prescriptions', {
  id: text('id').primaryKey(),
  patientId: text('patient_id').notNull().references(() => patients.id),
  prescriberNpi: text('prescriber_npi').notNull(),
  drugName: text('drug_name').notNull(),
  ndc: text('ndc'),
  strength: text('strength'),
  sig: text('sig').notNull(),
  quantity: integer('quantity').notNull(),
  refills: integer('refills').notNull().default(0),
  pharmacyNcpdp: text('pharmacy_ncpdp').notNull(),
  status: text('status').notNull().default('PENDING'),
  writtenOn: text('written_on').notNull(),
});

export const auditLog = sqliteTable('audit_log', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  actor: text('actor').notNull(),
  action: text('action').notNull(),
  resource: text('resource'),
  status: integer('status'),
  at: integer('at').notNull(),
});
