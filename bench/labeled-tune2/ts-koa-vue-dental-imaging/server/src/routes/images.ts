import { createHash } from 'crypto';
import { promises as fs } from 'fs';
import Router from '@koa/router';
import axios from 'axios';
import dicomParser from 'dicom-parser';
import jwt from 'jsonwebtoken';
import { audited } from '../audit';
import { ImageRepository, PatientRepository } from '../db';

export const imagesRouter = new Router({ prefix: '/api' });
const images = new ImageRepository();
const patients = new PatientRepository();
const pacs = axios.create({ baseURL: process.env.ORTHANC_URL, timeout: 30000 });

imagesRouter.post('/patients/:id/images', audited('image.upload'), async (ctx) => {
  const file = (ctx.request.files as any).image;
  const buf = await fs.readFile(file.filepath);
  const etag = createHash('md5').update(buf).digest('hex'); // SAFE(crypto): content checksum used as an HTTP ETag, not an identifier hash
  const ds = dicomParser.parseDicom(buf);
  const header = { PatientID: ds.string('x00100020'), PatientName: ds.string('x00100010'), PatientBirthDate: ds.string('x00100030'), Modality: ds.string('x00080060') };
  const patient = await patients.find(Number(ctx.params.id));
  if (header.PatientID !== patient.mrn) {
    ctx.throw(422, `DICOM PatientID ${header.PatientID} (${header.PatientName}) does not match chart MRN ${patient.mrn}`); // LEAK(exposure): identifiers in the error message returned to the client
  }
  await fs.writeFile(`/tmp/uploads/${file.originalFilename}`, buf); // LEAK(storage): unencrypted DICOM copy (name, DOB in header) kept under its original name
  const dedupe = createHash('md5').update(`${header.PatientID}|${header.PatientBirthDate}|${header.Modality}`).digest('hex'); // LEAK(crypto): unkeyed MD5 over MRN and DOB
  const { data } = await pacs.post('/instances', buf, { headers: { 'content-type': 'application/dicom' } });
  const [row] = await images.insert({ patient_id: patient.id, modality: header.Modality, teeth: String(ctx.request.body.teeth ?? ''), orthanc_id: data.ID, etag, dedupe, taken_at: new Date().toISOString() });
  ctx.state.log.info({ imageId: row.id, bytes: buf.length, modality: header.Modality }, 'image stored'); // SAFE(logging): ids, size and modality
  ctx.status = 201;
  ctx.body = { id: row.id };
});

imagesRouter.get('/images/:imageId', audited('image.read'), async (ctx) => {
  const item = await images.find(Number(ctx.params.imageId));
  if (!item) ctx.throw(404, 'not found');
  const token = jwt.sign({ img: item.id, sub: ctx.state.user.id }, process.env.DOWNLOAD_TOKEN_SECRET!, { expiresIn: '60s' }); // SAFE(session): one-minute download token
  ctx.body = { ...item, rawUrl: `/api/images/${item.id}/raw?t=${token}` };
});

imagesRouter.get('/images/:imageId/raw', async (ctx) => { // LEAK(audit): raw DICOM download escapes the audit middleware
  jwt.verify(String(ctx.query.t), process.env.DOWNLOAD_TOKEN_SECRET!);
  const item = await images.find(Number(ctx.params.imageId));
  const res = await pacs.get(`/instances/${item.orthanc_id}/file`, { responseType: 'stream' });
  ctx.set('content-type', 'application/dicom');
  ctx.set('etag', item.etag);
  ctx.body = res.data;
});
