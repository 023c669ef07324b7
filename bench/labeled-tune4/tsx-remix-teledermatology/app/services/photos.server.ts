import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import sharp from 'sharp';
import { photoPrefix } from './crypto.server';

const s3 = new S3Client({ region: process.env.S3_REGION });
const Bucket = process.env.S3_BUCKET!;

export async function storePhoto(mrn: string, caseId: string, photoId: string, body: Buffer) {
  const objectKey = `${photoPrefix(mrn)}/${caseId}/${photoId}.jpg`;
  const clean = await sharp(body).rotate().withMetadata({}).jpeg({ quality: 92 }).toBuffer();
  await s3.send(new PutObjectCommand({ Bucket, Key: objectKey, Body: clean, ContentType: 'image/jpeg', ServerSideEncryption: 'aws:kms', SSEKMSKeyId: process.env.PHOTO_KMS_KEY })); // SAFE(storage): SSE-KMS on the full-resolution photo

  const thumbKey = `thumbs/${photoPrefix(mrn)}/${caseId}/${photoId}.jpg`;
  const thumb = await sharp(body).resize(320).jpeg({ quality: 70 }).toBuffer();
  await s3.send(new PutObjectCommand({ Bucket: `${Bucket}-thumbs`, Key: thumbKey, Body: thumb, ContentType: 'image/jpeg', Metadata: { case: caseId } })); // LEAK(storage): lesion thumbnails (face/body photos with EXIF kept) in a bucket with no server-side encryption
  return { objectKey, thumbKey };
}

export async function viewUrl(objectKey: string) {
  return getSignedUrl(s3, new GetObjectCommand({ Bucket, Key: objectKey }), { expiresIn: 300 }); // SAFE(session): five-minute presigned URL, not a session
}
