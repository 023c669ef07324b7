import {Entity, model, property} from '@loopback/repository';

@model({settings: {strict: true}})
export class TherapyClient extends Entity {
  @property({type: 'string', id: true, mongodb: {dataType: 'ObjectId'}}) id?: string;
  @property({type: 'string', required: true}) recordNumber: string;
  @property({type: 'string', required: true}) firstName: string;
  @property({type: 'string', required: true}) lastName: string;
  @property({type: 'string', required: true}) email: string;
  @property({type: 'string'}) phoneSealed?: string;
  @property({type: 'date'}) dob?: string;
  @property({type: 'string'}) therapistId: string;
  @property({type: 'string'}) payer?: string;
  @property({type: 'string', default: 'low'}) riskLevel: 'low' | 'moderate' | 'high';

  constructor(data?: Partial<TherapyClient>) {
    super(data);
  }
}

@model({settings: {strict: true}})
export class SessionNote extends Entity {
  @property({type: 'string', id: true, mongodb: {dataType: 'ObjectId'}}) id?: string;
  @property({type: 'string', required: true}) clientId: string;
  @property({type: 'string', required: true}) therapistId: string;
  @property({type: 'date', required: true}) sessionDate: string;
  @property({type: 'string', required: true}) cptCode: string;
  @property({type: 'string'}) assessmentSealed?: string;
  @property({type: 'string'}) planSealed?: string;
  @property({type: 'array', itemType: 'string'}) riskFactors?: string[]; // LEAK(storage): suicide-risk factors stored in plaintext beside sealed assessment/plan
  @property({type: 'string'}) diagnosisCode?: string;

  constructor(data?: Partial<SessionNote>) {
    super(data);
  }
}

@model({settings: {strict: true}})
export class Message extends Entity {
  @property({type: 'string', id: true, mongodb: {dataType: 'ObjectId'}}) id?: string;
  @property({type: 'string', required: true}) roomId: string;
  @property({type: 'string', required: true}) senderId: string;
  @property({type: 'string', required: true}) senderRole: 'client' | 'therapist';
  @property({type: 'string', required: true}) bodySealed: string;
  @property({type: 'date', defaultFn: 'now'}) sentAt?: string;

  constructor(data?: Partial<Message>) {
    super(data);
  }
}

@model()
export class AuditEvent extends Entity {
  @property({type: 'string', id: true, mongodb: {dataType: 'ObjectId'}}) id?: string;
  @property({type: 'string', required: true}) actor: string;
  @property({type: 'string', required: true}) action: string;
  @property({type: 'string'}) target?: string;
  @property({type: 'string'}) outcome?: string;
  @property({type: 'date', defaultFn: 'now'}) at?: string;

  constructor(data?: Partial<AuditEvent>) {
    super(data);
  }
}

@model()
export class CachedThread extends Entity {
  @property({type: 'string', id: true}) roomId: string;
  @property({type: 'array', itemType: 'object'}) messages: object[];

  constructor(data?: Partial<CachedThread>) {
    super(data);
  }
}
