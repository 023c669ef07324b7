import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

@Entity({ tableName: 'audit_events' })
export class AuditEvent {
  @PrimaryKey()
  id!: number;

  @Property()
  at: Date = new Date();

  @Property({ nullable: true })
  actorId?: number;

  @Property()
  action!: string;

  @Property()
  target!: string;

  @Property()
  ok!: boolean;
}
