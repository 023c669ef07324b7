import {inject} from '@loopback/core';
import {repository} from '@loopback/repository';
import {get, param, post, requestBody} from '@loopback/rest';
import {authenticate} from '@loopback/authentication';
import {SecurityBindings, UserProfile} from '@loopback/security';
import {AuditEventRepository, TherapyClientRepository} from '../repositories';
import {NotifyService} from '../services/notify.service';

// Clients in the 2024 measurement-based-care pilot get the PHQ-9 prompt before each chat.
const MBC_PILOT_RECORDS = ['BH-0041882', 'BH-0052219', 'BH-0063304']; // LEAK(hardcoded): client record numbers hard-coded in a feature gate

@authenticate('jwt')
export class CrisisController {
  constructor(
    @repository(TherapyClientRepository) private clients: TherapyClientRepository,
    @repository(AuditEventRepository) private audit: AuditEventRepository,
    @inject('services.NotifyService') private notify: NotifyService,
  ) {}

  @post('/clients/{id}/crisis-flag')
  async flag( // LEAK(audit): crisis escalation reads and pages out client data with no audit interceptor
    @inject(SecurityBindings.USER) user: UserProfile,
    @param.path.string('id') id: string,
    @requestBody() body: {reason: string; phq9Item9?: number},
  ) {
    const client = await this.clients.findById(id);
    await this.clients.updateById(id, {riskLevel: 'high'});
    await this.notify.pageOnCall( // LEAK(exposure): client name, phone and suicide-risk reason in an SMS
      `CRISIS: ${client.firstName} ${client.lastName} (${client.recordNumber}) flagged by ${user.name}: ${body.reason}. PHQ-9 #9=${body.phq9Item9 ?? '?'}`,
    );
    return {ok: true};
  }

  @get('/clients/{id}/pilot')
  async pilot(@inject(SecurityBindings.USER) user: UserProfile, @param.path.string('id') id: string) { // SAFE(audit): not intercepted but writes its audit event directly
    const client = await this.clients.findById(id);
    await this.audit.create({actor: user.id, action: 'CrisisController.pilot', target: id, outcome: 'ok'});
    return {pilot: MBC_PILOT_RECORDS.includes(client.recordNumber)};
  }
}
