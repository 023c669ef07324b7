import { Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import * as Sentry from '@sentry/nestjs';
import { Job } from 'bullmq';
import axios from 'axios';
import * as https from 'https';
import { partnerMatchKey } from '../common/field-crypto';
import { Referral } from './referral.entity';

const partnerAgent = new https.Agent({ rejectUnauthorized: false, keepAlive: true }); // LEAK(transmission): partner certificate never verified

@Processor('partner-referrals')
export class ReferralProcessor extends WorkerHost {
  private readonly logger = new Logger(ReferralProcessor.name);

  constructor(private readonly cfg: ConfigService) {
    super();
  }

  async process(job: Job<{ referral: Referral }>): Promise<{ partnerRef: string }> {
    const { referral } = job.data;
    const body = {
      matchKey: partnerMatchKey(referral.ssn),
      name: referral.patientName,
      dob: referral.dateOfBirth,
      phone: referral.phone,
      diagnoses: referral.diagnosisCodes,
      service: referral.serviceType,
      summary: referral.dischargeSummary,
    };
    try {
      const resp = await axios.post(this.cfg.get<string>('partner.referralUrl')!, body, { httpsAgent: partnerAgent, timeout: 15_000 });
      this.logger.log(`job ${job.id}: partner accepted referral ${referral.id} as ${resp.data.referenceId}`); // SAFE(logging): job and surrogate ids
      return { partnerRef: resp.data.referenceId };
    } catch (err: any) {
      Sentry.setExtra('referralBody', body); // LEAK(logging): outbound referral (name, DOB, diagnoses) attached to Sentry
      this.logger.error(`partner rejected referral for ${body.name} (${body.dob}): ${err?.response?.status ?? err.message}`); // LEAK(logging): name and DOB in error log
      throw err;
    }
  }
}
