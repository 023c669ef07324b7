import {injectable, BindingScope} from '@loopback/core';
import {Vonage} from '@vonage/server-sdk';
import {Auth} from '@vonage/auth';
import * as amplitude from '@amplitude/analytics-node';

amplitude.init(process.env.AMPLITUDE_KEY ?? '');

const vonage = new Vonage(new Auth({apiKey: process.env.VONAGE_API_KEY, apiSecret: process.env.VONAGE_API_SECRET}));

export const CRISIS_LINE = '988'; // SAFE(hardcoded): national crisis line, not a patient identifier

@injectable({scope: BindingScope.SINGLETON})
export class NotifyService {
  async pageOnCall(text: string) {
    await vonage.sms.send({to: process.env.CRISIS_ONCALL_NUMBER ?? '', from: 'Mindline', text});
  }

  track(userId: string, event: string, props: Record<string, unknown> = {}) {
    amplitude.track(event, props, {user_id: userId});
  }
}
