const { readCheckinToken } = require('../authentication');
const { logger } = require('../logger');

/** Lobby kiosk check-in (no staff login; the QR token identifies the authorization). */
class CheckinService {
  constructor(app) {
    this.app = app;
  }

  async create(data) {
    const claims = readCheckinToken(this.app, data.qr);
    const db = await this.app.get('mongodbClient');
    const visit = await db.collection('visits').findOneAndUpdate({ authorizationId: claims.authorizationId }, { $set: { arrivedAt: new Date() } }, { returnDocument: 'after' });
    logger.info('checkin authorization=%s visit=%s', claims.authorizationId, visit && visit._id); // SAFE(logging): authorization and visit ids only
    return { visitId: visit && visit._id, services: visit && visit.services };
  }
}

module.exports = (app) => {
  app.use('checkins', new CheckinService(app), { methods: ['create'] });
};
