import {inject, intercept} from '@loopback/core';
import {repository} from '@loopback/repository';
import {get, param, post, requestBody, Response, RestBindings} from '@loopback/rest';
import {authenticate} from '@loopback/authentication';
import {SecurityBindings, UserProfile} from '@loopback/security';
import {writeFile} from 'fs/promises';
import {AuditInterceptor} from '../interceptors/audit.interceptor';
import {MessageRepository, ThreadCacheRepository, TherapyClientRepository} from '../repositories';
import {AiSummaryService} from '../services/ai-summary.service';
import {seal, unseal} from '../services/seal';

@authenticate('jwt')
export class MessageController {
  constructor(
    @repository(MessageRepository) private messages: MessageRepository,
    @repository(ThreadCacheRepository) private threads: ThreadCacheRepository,
    @repository(TherapyClientRepository) private clients: TherapyClientRepository,
    @inject('services.AiSummaryService') private ai: AiSummaryService,
  ) {}

  @intercept(AuditInterceptor.BINDING_KEY)
  @get('/rooms/{roomId}/messages')
  async list(@param.path.string('roomId') roomId: string) {
    const cached = await this.threads.get(roomId);
    if (cached) return cached.messages;
    const rows = await this.messages.find({where: {roomId}, order: ['sentAt ASC'], limit: 200});
    const plain = rows.map((m) => ({id: m.id, senderRole: m.senderRole, body: unseal(m.bodySealed), sentAt: m.sentAt}));
    await this.threads.set(roomId, {roomId, messages: plain}, {ttl: 3600 * 1000}); // LEAK(storage): decrypted therapy messages cached in redis
    return plain;
  }

  @intercept(AuditInterceptor.BINDING_KEY)
  @post('/rooms/{roomId}/messages')
  async send(
    @inject(SecurityBindings.USER) user: UserProfile,
    @param.path.string('roomId') roomId: string,
    @requestBody() body: {text: string},
  ) {
    const msg = await this.messages.create({
      roomId,
      senderId: user.id,
      senderRole: user.role === 'client' ? 'client' : 'therapist',
      bodySealed: seal(body.text)!, // SAFE(storage): message body sealed before insert
    });
    await this.threads.delete(roomId);
    return {id: msg.id};
  }

  @intercept(AuditInterceptor.BINDING_KEY)
  @post('/rooms/{roomId}/summary')
  async summarize(@param.path.string('roomId') roomId: string, @requestBody() body: {clientId: string}) {
    const client = await this.clients.findById(body.clientId);
    const rows = await this.messages.find({where: {roomId}, order: ['sentAt ASC'], limit: 100});
    return {summary: await this.ai.summarizeThread(`${client.firstName} ${client.lastName}`, rows.map((r) => `${r.senderRole}: ${unseal(r.bodySealed)}`))};
  }

  @get('/rooms/{roomId}/transcript')
  async exportTranscript( // LEAK(audit): transcript export has no audit interceptor
    @param.path.string('roomId') roomId: string,
    @inject(RestBindings.Http.RESPONSE) res: Response,
  ) {
    const rows = await this.messages.find({where: {roomId}, order: ['sentAt ASC']});
    const text = rows.map((r) => `[${r.sentAt}] ${r.senderRole}: ${unseal(r.bodySealed)}`).join('\n');
    await writeFile(`/tmp/transcripts/${roomId}.txt`, text); // LEAK(storage): plaintext transcript written to disk
    res.attachment(`transcript-${roomId}.txt`);
    res.send(text);
    return res;
  }
}
