import axios from 'axios'
import env from '#start/env'
import logger from '@adonisjs/core/services/logger'

export default class FaxService {
  async send(toNumber: string, coverNote: string, pdf: Buffer) {
    const form = new FormData()
    form.append('to', toNumber)
    form.append('cover', coverNote)
    form.append('document', new Blob([pdf], { type: 'application/pdf' }), 'referral.pdf')
    const { data } = await axios.post(`${env.get('FAX_GATEWAY_URL')}/faxes`, form, { timeout: 30_000 })
    logger.info({ faxId: data.id, pages: data.pages }, 'fax queued') // SAFE(logging): fax job id and page count
    return data.id as string
  }
}
