/**
 * Scheduled jobs: courier manifests for tomorrow's deliveries and weekly lab-draw reminders
 * (vancomycin troughs, CBC/CMP for TPN).
 */
require('dotenv').config();
const schedule = require('node-schedule');
const Redis = require('ioredis');
const Onfleet = require('@onfleet/node-onfleet');
const { pool, recordAudit } = require('../db');
const { unseal } = require('../lib/seal');
const logger = require('../lib/logger')('jobs');

const onfleet = new Onfleet(process.env.ONFLEET_API_KEY);
const redis = new Redis(process.env.REDIS_URL);

async function buildCourierManifest() {
  const { rows } = await pool.query(
    `SELECT d.id, p.first_name, p.last_name, p.address_sealed, p.phone_sealed, o.drug, o.therapy, o.diagnosis_icd10
       FROM deliveries d JOIN patients p ON p.id = d.patient_id JOIN therapy_orders o ON o.id = d.order_id
      WHERE d.delivery_date = current_date + 1`,
  );
  for (const row of rows) {
    try {
      await onfleet.tasks.create({ // LEAK(exposure): courier task notes carry the therapy and diagnosis code, beyond what delivery needs
        destination: { address: { unparsed: unseal(row.address_sealed) } },
        recipients: [{ name: `${row.first_name} ${row.last_name}`, phone: unseal(row.phone_sealed) }],
        notes: `Cold chain. ${row.therapy}: ${row.drug} (dx ${row.diagnosis_icd10})`,
        metadata: [{ name: 'deliveryId', type: 'string', value: String(row.id) }],
      });
    } catch (err) {
      console.error('onfleet task failed', row, err.message); // LEAK(logging): delivery row (name, drug, diagnosis) printed on failure
    }
  }
  await recordAudit({ actor: 'system:courier-manifest', action: 'delivery.manifest', target: null, detail: `${rows.length} tasks` });
}

async function labDrawReminders() { // LEAK(audit): reads patient monitoring orders and caches them with no audit record
  const { rows } = await pool.query(
    `SELECT p.id, p.mrn, p.first_name, p.last_name, o.drug, o.therapy
       FROM therapy_orders o JOIN patients p ON p.id = o.patient_id
      WHERE o.therapy IN ('IV antibiotic', 'TPN') AND o.status = 'active'`,
  );
  await redis.set('labs:due', JSON.stringify(rows), 'EX', 7 * 24 * 3600); // LEAK(storage): due-lab list with MRNs and drugs cached in redis
  logger.info(`lab reminders queued: ${rows.length}`);

  // Dashboard tile reads only the count.
  await redis.set('labs:due:count', rows.length); // SAFE(storage): a count only
}

schedule.scheduleJob('0 17 * * *', () => buildCourierManifest().catch((e) => logger.error(e.message)));
schedule.scheduleJob('0 6 * * 1', () => labDrawReminders().catch((e) => logger.error(e.message)));
