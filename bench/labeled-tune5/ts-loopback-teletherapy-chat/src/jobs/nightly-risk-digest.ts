import {CronJob, cronJob} from '@loopback/cron';
import {repository} from '@loopback/repository';
import {SessionNoteRepository, TherapyClientRepository} from '../repositories';
import {NotifyService} from '../services/notify.service';
import {inject} from '@loopback/core';

@cronJob()
export class NightlyRiskDigest extends CronJob {
  constructor(
    @repository(TherapyClientRepository) private clients: TherapyClientRepository,
    @repository(SessionNoteRepository) private notes: SessionNoteRepository,
    @inject('services.NotifyService') private notify: NotifyService,
  ) {
    super({name: 'nightly-risk-digest', cronTime: '0 5 * * *', start: true, onTick: () => this.run()});
  }

  async run() { // LEAK(audit): nightly job reads every high-risk client's notes without an audit event
    const high = await this.clients.find({where: {riskLevel: 'high'}});
    for (const c of high) {
      const recent = await this.notes.find({where: {clientId: c.id}, order: ['sessionDate DESC'], limit: 1});
      const last = recent[0];
      if (!last || Date.now() - new Date(last.sessionDate).getTime() > 7 * 24 * 3600 * 1000) {
        console.warn(`high-risk client ${c.firstName} ${c.lastName} not seen since ${last?.sessionDate ?? 'never'}; risk factors: ${(last?.riskFactors ?? []).join(', ')}`); // LEAK(logging): client name and risk factors on the console
      }
    }
    console.info(`risk digest: ${high.length} high-risk clients reviewed`); // SAFE(logging): a count only
  }
}
