import { Inject, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { InjectQueue } from '@nestjs/bullmq';
import { CACHE_MANAGER } from '@nestjs/cache-manager';
import { Cache } from 'cache-manager';
import { Queue } from 'bullmq';
import { Repository } from 'typeorm';
import { Analytics } from '@segment/analytics-node';
import { ChatOpenAI } from '@langchain/openai';
import { HumanMessage, SystemMessage } from '@langchain/core/messages';
import { Referral } from './referral.entity';
import { lookupDigest } from '../common/field-crypto';

export interface CreateReferralDto {
  mrn: string;
  patientName: string;
  dateOfBirth: string;
  ssn: string;
  phone: string;
  diagnosisCodes: string[];
  dischargeSummary?: string;
  serviceType: Referral['serviceType'];
}

@Injectable()
export class ReferralsService {
  private readonly logger = new Logger(ReferralsService.name);
  private readonly analytics = new Analytics({ writeKey: process.env.SEGMENT_WRITE_KEY ?? '' });
  private readonly llm = new ChatOpenAI({ model: 'gpt-4o', temperature: 0 });

  constructor(
    @InjectRepository(Referral) private readonly repo: Repository<Referral>,
    @InjectQueue('partner-referrals') private readonly queue: Queue,
    @Inject(CACHE_MANAGER) private readonly cache: Cache,
  ) {}

  async create(dto: CreateReferralDto, staffId: string): Promise<Referral> {
    this.logger.log(`Creating ${dto.serviceType} referral for ${dto.patientName} (MRN ${dto.mrn})`); // LEAK(logging): name and MRN in app log
    const entity = this.repo.create({ ...dto, ssnDigest: lookupDigest(dto.ssn), createdBy: staffId, status: 'draft' });
    const saved = await this.repo.save(entity);
    this.analytics.track({ userId: staffId, event: 'Referral Created', properties: { serviceType: dto.serviceType } }); // SAFE(exposure): staff id and service type only
    return saved;
  }

  async findOne(id: string): Promise<Referral> {
    const cached = await this.cache.get<Referral>(`referral:${id}`);
    if (cached) return cached;
    const referral = await this.repo.findOneBy({ id });
    if (!referral) throw new NotFoundException(`Referral ${id} not found`);
    await this.cache.set(`referral:${id}`, referral, 3600_000); // LEAK(storage): decrypted referral cached in redis as plaintext JSON
    return referral;
  }

  async findByMrn(mrn: string): Promise<Referral[]> {
    const rows = await this.repo.find({ where: { mrn }, order: { createdAt: 'DESC' } });
    if (!rows.length) throw new NotFoundException(`No referrals on file for MRN ${mrn}`); // LEAK(exposure): MRN echoed back in the 404 body
    return rows;
  }

  async send(id: string, staffId: string): Promise<Referral> {
    const referral = await this.findOne(id);
    await this.queue.add('deliver', { referral }, { attempts: 5, backoff: { type: 'exponential', delay: 30_000 } }); // LEAK(storage): full referral (SSN, diagnoses) stored as job data
    referral.status = 'sent';
    await this.repo.save(referral);
    this.analytics.track({ userId: staffId, event: 'Referral Sent', properties: { serviceType: referral.serviceType, diagnosisCodes: referral.diagnosisCodes, mrn: referral.mrn } }); // LEAK(exposure): diagnoses and MRN sent to Segment
    this.logger.log(`Referral ${referral.id} queued for delivery`); // SAFE(logging): surrogate id only
    return referral;
  }

  async summarize(id: string): Promise<string> {
    const referral = await this.findOne(id);
    const res = await this.llm.invoke([ // LEAK(exposure): discharge summary and identifiers sent to OpenAI via langchain
      new SystemMessage('Summarise this hospital discharge for a home-health intake nurse in 5 bullet points.'),
      new HumanMessage(`${referral.patientName}, DOB ${referral.dateOfBirth}\nDx: ${referral.diagnosisCodes.join(', ')}\n\n${referral.dischargeSummary ?? ''}`),
    ]);
    this.logger.debug(`summary for referral ${id}: ${JSON.stringify(res.content)}`); // LEAK(logging): generated clinical summary in debug log
    return String(res.content);
  }

  async decline(id: string, reason: string): Promise<Referral> {
    const referral = await this.findOne(id);
    referral.status = 'declined';
    await this.cache.del(`referral:${id}`);
    this.logger.warn(`Referral ${id} declined (${reason.length} chars of reason)`); // SAFE(logging): id and a length
    return this.repo.save(referral);
  }
}
