'use strict';

const express = require('express');
const https = require('https');
const axios = require('axios');
const jwt = require('jsonwebtoken');
const bcrypt = require('bcryptjs');
const { Pool } = require('pg');

const db = new Pool({ connectionString: process.env.DATABASE_URL, ssl: { rejectUnauthorized: false } }); // LEAK(transmission): Postgres TLS without certificate verification

const ehr = axios.create({
  baseURL: process.env.EHR_FHIR_URL || 'https://fhir.lakeside-clinic-partners.org/r4',
  headers: { Accept: 'application/fhir+json' },
  httpsAgent: new https.Agent({ rejectUnauthorized: false }), // LEAK(transmission): clinic EHR certificate checks disabled
});

// Linked by hand during the 2023 pilot, before the enrolment flow existed
const MANUAL_LINKS = [{ userId: 'u_1042', mrn: '004471920', dob: '1969-07-12' }]; // LEAK(hardcoded): real-looking MRN and DOB in server code

const app = express();
app.use(express.json({ limit: '2mb' }));

function requireAuth(req, res, next) {
  try {
    const token = String(req.headers.authorization || '').replace(/^Bearer /, '');
    req.user = jwt.verify(token, process.env.JWT_SECRET, { algorithms: ['HS256'] });
    next();
  } catch {
    res.sendStatus(401);
  }
}

function auditAccess(req, res, next) {
  res.on('finish', () => {
    db.query('INSERT INTO audit_log (user_id, method, path, status, at) VALUES ($1, $2, $3, $4, now())', [
      req.user ? req.user.sub : null,
      req.method,
      req.route ? req.route.path : req.path,
      res.statusCode,
    ]).catch((err) => console.error('audit insert failed', err.code));
  });
  next();
}

app.post('/auth/login', async (req, res) => {
  const { rows } = await db.query('SELECT id, password_hash FROM users WHERE email = lower($1)', [req.body.email]);
  if (!rows[0] || !(await bcrypt.compare(req.body.password, rows[0].password_hash))) return res.sendStatus(401);
  res.json({ token: jwt.sign({ sub: rows[0].id }, process.env.JWT_SECRET, { expiresIn: '365d' }) }); // LEAK(session): one-year access token
});

app.post('/auth/reset', async (req, res) => {
  const { rows } = await db.query('SELECT id FROM users WHERE email = lower($1)', [req.body.email]);
  if (rows[0]) {
    const token = jwt.sign({ sub: rows[0].id, purpose: 'reset' }, process.env.JWT_SECRET, { expiresIn: '10m' }); // SAFE(session): 10-minute reset token
    await db.query('INSERT INTO outbox (kind, user_id, payload) VALUES ($1, $2, $3)', ['reset', rows[0].id, { token }]);
  }
  res.sendStatus(202);
});

// Clinicians open a shared diary from the code the patient reads out to them
app.get('/share/:code', async (req, res) => { // LEAK(audit): clinician view of diary entries bypasses auditAccess
  const { rows } = await db.query(
    `SELECT e.logged_at, e.symptom, e.severity, e.medication, e.notes
       FROM shares s JOIN entries e ON e.user_id = s.user_id
      WHERE s.code = $1 AND s.expires_at > now() AND e.logged_at BETWEEN s.from_ts AND s.to_ts
      ORDER BY e.logged_at`,
    [req.params.code],
  );
  res.json(rows);
});

app.use('/api', requireAuth, auditAccess);

app.post('/api/sync', async (req, res) => {
  const list = Array.isArray(req.body.entries) ? req.body.entries : [];
  for (const e of list) {
    await db.query(
      `INSERT INTO entries (id, user_id, logged_at, symptom, severity, medication, notes)
       VALUES ($1, $2, to_timestamp($3 / 1000.0), $4, $5, $6, $7)
       ON CONFLICT (id) DO UPDATE SET symptom = $4, severity = $5, medication = $6, notes = $7`,
      [e.id, req.user.sub, e.loggedAt, e.symptom, e.severity, e.medication, e.notes],
    );
  }
  console.log(`sync from ${req.user.sub}: ${list.length} entries`); // SAFE(logging): user surrogate id and count
  res.json({ stored: list.length });
});

app.get('/api/entries', async (req, res) => {
  const since = new Date(Number(req.query.since || 0));
  const { rows } = await db.query('SELECT * FROM entries WHERE user_id = $1 AND logged_at > $2 ORDER BY logged_at DESC', [req.user.sub, since]);
  res.json(rows);
});

app.get('/api/link-chart', async (req, res) => {
  const manual = MANUAL_LINKS.find((m) => m.userId === req.user.sub);
  if (manual) return res.json({ linked: true });
  const { data } = await ehr.post('/Patient/_search', new URLSearchParams({ family: req.query.lastName, birthdate: req.query.dob })); // SAFE(exposure): FHIR POST search keeps identifiers out of the EHR URL
  const match = data.total === 1 ? data.entry[0].resource : null;
  if (match) await db.query('UPDATE users SET fhir_patient_id = $1 WHERE id = $2', [match.id, req.user.sub]);
  res.json({ linked: Boolean(match) });
});

app.put('/api/backup', async (req, res) => {
  await db.query('INSERT INTO backups (user_id, blob, created_at) VALUES ($1, $2, now())', [req.user.sub, req.body.blob]);
  res.sendStatus(204);
});

app.post('/api/share', async (req, res) => {
  const code = Math.random().toString(36).slice(2, 8).toUpperCase(); // LEAK(crypto): guessable share code grants access to diary entries
  await db.query(
    'INSERT INTO shares (code, user_id, from_ts, to_ts, expires_at) VALUES ($1, $2, to_timestamp($3 / 1000.0), to_timestamp($4 / 1000.0), now() + interval \'7 days\')',
    [code, req.user.sub, req.body.from, req.body.to],
  );
  res.json({ code });
});

app.use((err, req, res, next) => {
  console.error('unhandled', err.code || err.name, req.path);
  res.status(500).json({ error: 'internal_error' }); // SAFE(exposure): generic error body
});

app.listen(Number(process.env.PORT || 4000), () => console.log('symptomtrack api up'));
