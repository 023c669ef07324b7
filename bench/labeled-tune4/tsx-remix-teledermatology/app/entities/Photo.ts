import { Entity, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { v4 } from 'uuid';
import { Case } from './Case';

@Entity({ tableName: 'photos' })
export class Photo {
  @PrimaryKey({ type: 'uuid' })
  id: string = v4();

  @ManyToOne(() => Case)
  case!: Case;

  @Property()
  objectKey!: string;

  @Property({ nullable: true })
  thumbKey?: string;

  @Property({ default: 'clinical' })
  kind: string = 'clinical'; // clinical | dermoscopic

  @Property()
  takenAt: Date = new Date();
}
