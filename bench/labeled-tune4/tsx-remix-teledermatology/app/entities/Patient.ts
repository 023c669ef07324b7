import { Collection, Entity, OneToMany, PrimaryKey, Property } from '@mikro-orm/core';
import { v4 } from 'uuid';
import { Case } from './Case';
import { EncryptedString } from './EncryptedString';

@Entity({ tableName: 'patients' })
export class Patient {
  @PrimaryKey({ type: 'uuid' })
  id: string = v4();

  @Property({ type: EncryptedString }) // SAFE(storage): MRN sealed with AES-GCM
  mrn!: string;

  @Property({ type: EncryptedString })
  fullName!: string;

  @Property({ type: EncryptedString })
  dob!: string;

  @Property({ type: EncryptedString, nullable: true })
  email?: string;

  @Property({ type: 'text', nullable: true }) // LEAK(storage): Fitzpatrick skin type and skin-cancer history kept in plaintext while identifiers are sealed
  skinHistory?: string;

  @Property({ nullable: true })
  sex?: string;

  @OneToMany(() => Case, (c) => c.patient)
  cases = new Collection<Case>(this);

  @Property()
  createdAt: Date = new Date();
}
