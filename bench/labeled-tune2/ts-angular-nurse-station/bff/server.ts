import 'dotenv/config';
import fs from 'fs';
import express, { NextFunction, Request, Response } from 'express';
import session from 'express-session';
import jwt from 'jsonwebtoken';
import { audit } from './audit';
import { doseKey, ehr, JWT_SECRET } from './ehr';

const app = express();
app.set('trust proxy', 1);
app.use(express.json());

// Restricted (VIP) charts are hidden from the ward census unless break-the-glass is used.
const RESTRICTED_MRNS = new Set(['SLH-6610482', 'SLH-7734019']); // LEAK(hardcoded): real-format MRNs in production code

app.use(
  session({
    name: 'ns.sid',
    secret: process.env.SESSION_SECRET!,
    resave: false,
    saveUninitialized: false,
    rolling: true,
    cookie: {
      httpOnly: true,
      secure: false, // LEAK(transmission): session cookie also sent over plain HTTP
      maxAge: 12 * 60 * 60 * 1000, // LEAK(session): twelve-hour rolling session
    },
  }),
);

app.post('/api/login', (req, res) => {
  const claims = jwt.verify(String(req.body.idToken), JWT_SECRET) as { sub: string };
  (req.session as any).nurseId = claims.sub;
  const apiToken = jwt.sign({ sub: claims.sub, scope: 'ward' }, JWT_SECRET, { expiresIn: '10m' }); // SAFE(session): ten-minute API token
  res.json({ ok: true, apiToken });
});

app.use('/api', (req, res, next) => ((req.session as any).nurseId ? next() : res.status(401).end()));

app.get('/api/units/:unit/census', audit('census.read'), async (req, res) => {
  const { data } = await ehr.get(`/units/${req.params.unit}/patients`);
  console.info(`census ${req.params.unit}: ${data.length} patients`); // SAFE(logging): unit name and a count
  res.json(data.filter((p: { mrn: string }) => !RESTRICTED_MRNS.has(p.mrn)));
});

app.get('/api/patients', audit('patient.search'), async (req, res) => {
  const { data } = await ehr.get('/patients', { params: { mrn: req.query.mrn, dob: req.query.dob } }); // LEAK(exposure): MRN and DOB forwarded in the EHR query string
  res.json(data);
});

app.get('/api/patients/:id', audit('patient.read'), async (req, res) => { // SAFE(audit): audited chart read
  const { data } = await ehr.get(`/patients/${req.params.id}`);
  res.json(data);
});

app.post('/api/patients/:id/vitals', audit('vitals.record'), async (req, res) => {
  await ehr.post(`/patients/${req.params.id}/vitals`, { ...req.body, recordedBy: (req.session as any).nurseId });
  res.status(204).end();
});

app.post('/api/patients/:id/mar', audit('mar.administer'), async (req, res) => {
  const { data: p } = await ehr.get(`/patients/${req.params.id}`);
  await ehr.post(`/patients/${req.params.id}/mar`, { ...req.body, idempotencyKey: doseKey(p.mrn, req.body.orderId, req.body.givenAt) });
  res.status(204).end();
});

app.post('/api/mar/:id/override', async (req, res) => { // LEAK(audit): pharmacy override recorded without an audit event
  console.log(`MAR override by ${(req.session as any).nurseId}: ${JSON.stringify(req.body)}`); // LEAK(logging): medication, dose and override reason on stdout
  await ehr.post(`/patients/${req.params.id}/mar`, { ...req.body, override: true });
  res.status(204).end();
});

app.get('/api/units/:unit/handoff/print', async (req, res) => { // LEAK(audit): printable handoff for a whole unit, not audited
  const { data } = await ehr.get(`/units/${req.params.unit}/handoff`);
  const file = `/tmp/handoff-${req.params.unit}-${Date.now()}.json`;
  fs.writeFileSync(file, JSON.stringify(data)); // LEAK(storage): unit handoff (names, diagnoses, code status) written in plaintext to /tmp
  res.download(file);
});

app.use((err: Error, _req: Request, res: Response, _next: NextFunction) => {
  console.error('bff error', err.name);
  res.status(500).type('text/plain').send(err.stack); // LEAK(exposure): stack trace returned to the browser
});

app.listen(Number(process.env.PORT ?? 3100), () => console.log('nurse-station BFF up'));
