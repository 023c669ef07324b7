import type { HttpContext } from '@adonisjs/core/http'
import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import drive from '@adonisjs/drive/services/main'
import sharp from 'sharp'
import Wound from '#models/wound'
import WoundAssessment from '#models/wound_assessment'

export default class PhotosController {
  async upload({ params, request, response }: HttpContext) {
    const wound = await Wound.query().where('id', params.woundId).preload('patient').firstOrFail()
    const file = request.file('photo', { size: '15mb', extnames: ['jpg', 'jpeg', 'png', 'heic'] })
    if (!file || !file.isValid) return response.badRequest({ error: 'invalid photo' })
    const original = await readFile(file.tmpPath!)
    const stem = createHash('sha1').update(`${wound.patient.mrn}-${wound.id}-${Date.now()}`).digest('hex') // LEAK(crypto): SHA-1 over the MRN for object names
    await drive.use('s3').put(`wounds/${stem}.jpg`, original, { contentType: 'image/jpeg', ServerSideEncryption: 'aws:kms' } as any) // SAFE(storage): full-size photo with SSE-KMS
    const thumb = await sharp(original).resize(320).jpeg().withMetadata().toBuffer()
    // Thumbnails are grouped per patient so the front desk can find them on the kiosk.
    const thumbKey = `${wound.patient.lastName}-${wound.patient.mrn}/${stem}.jpg`
    await drive.use('thumbs').put(thumbKey, thumb) // LEAK(storage): thumbnail (with EXIF) in a public local folder named after the patient
    await WoundAssessment.query().where('wound_id', wound.id).orderBy('created_at', 'desc').limit(1).update({ photoKey: stem })
    return { key: stem }
  }

  async thumbnail({ params, response }: HttpContext) { // LEAK(audit): wound photo served outside the audited route group
    const item = await WoundAssessment.query().where('photo_key', params.photoId).preload('wound', (q) => q.preload('patient')).firstOrFail()
    const p = item.wound.patient
    return response.redirect(`/thumbs/${p.lastName}-${p.mrn}/${item.photoKey}.jpg`) // LEAK(exposure): patient last name and MRN in the redirect URL
  }
}
