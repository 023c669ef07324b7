import {inject, intercept} from '@loopback/core';
import {repository} from '@loopback/repository';
import {get, HttpErrors, param, patch, post, requestBody} from '@loopback/rest';
import {authenticate} from '@loopback/authentication';
import {SecurityBindings, UserProfile} from '@loopback/security';
import {AuditInterceptor} from '../interceptors/audit.interceptor';
import {TherapyClient} from '../models';
import {SessionNoteRepository, TherapyClientRepository} from '../repositories';
import {NotifyService} from '../services/notify.service';
import {seal, unseal} from '../services/seal';

@authenticate('jwt')
@intercept(AuditInterceptor.BINDING_KEY)
export class ClientController {
  constructor(
    @repository(TherapyClientRepository) private clients: TherapyClientRepository,
    @repository(SessionNoteRepository) private notes: SessionNoteRepository,
    @inject('services.NotifyService') private notify: NotifyService,
  ) {}

  @post('/clients')
  async create(@requestBody() body: Partial<TherapyClient> & {phone?: string}): Promise<{id: string}> {
    const existing = await this.clients.findOne({where: {email: body.email}});
    if (existing) {
      throw new HttpErrors.Conflict(`client ${body.firstName} ${body.lastName} <${body.email}> already registered`); // LEAK(logging): exception text built from client name and email
    }
    const {phone, ...rest} = body;
    const created = await this.clients.create({...rest, phoneSealed: seal(phone)}); // SAFE(storage): phone sealed with AES-GCM
    this.notify.track(created.id!, 'Client Intake Completed', {payer: body.payer, riskLevel: body.riskLevel}); // LEAK(exposure): intake risk level tied to the client sent to Amplitude
    return {id: created.id!};
  }

  @get('/clients/{id}')
  async findById(@param.path.string('id') id: string) {
    const rec = await this.clients.findById(id);
    return {...rec, phone: unseal(rec.phoneSealed), phoneSealed: undefined};
  }

  @post('/clients/{id}/notes')
  async addNote(
    @inject(SecurityBindings.USER) user: UserProfile,
    @param.path.string('id') id: string,
    @requestBody() body: {sessionDate: string; cptCode: string; assessment: string; plan: string; riskFactors?: string[]; diagnosisCode?: string},
  ) {
    const note = await this.notes.create({
      clientId: id,
      therapistId: user.id,
      sessionDate: body.sessionDate,
      cptCode: body.cptCode,
      assessmentSealed: seal(body.assessment),
      planSealed: seal(body.plan),
      riskFactors: body.riskFactors,
      diagnosisCode: body.diagnosisCode,
    });
    this.notify.track(`staff:${user.id}`, 'Session Note Saved'); // SAFE(exposure): therapist (workforce) id and a generic event
    return {id: note.id};
  }

  @patch('/clients/{id}/risk')
  async setRisk(@param.path.string('id') id: string, @requestBody() body: {riskLevel: 'low' | 'moderate' | 'high'}) {
    await this.clients.updateById(id, {riskLevel: body.riskLevel});
    return {id, riskLevel: body.riskLevel};
  }
}
