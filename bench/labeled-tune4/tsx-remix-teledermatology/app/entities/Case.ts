import { Collection, Entity, ManyToOne, OneToMany, PrimaryKey, Property } from '@mikro-orm/core';
import { v4 } from 'uuid';
import { EncryptedString } from './EncryptedString';
import { Patient } from './Patient';
import { Photo } from './Photo';

@Entity({ tableName: 'cases' })
export class Case {
  @PrimaryKey({ type: 'uuid' })
  id: string = v4();

  @ManyToOne(() => Patient)
  patient!: Patient;

  @Property()
  bodySite!: string;

  @Property({ type: EncryptedString }) // SAFE(storage): lesion history narrative sealed
  history!: string;

  @Property({ type: EncryptedString, nullable: true })
  assessment?: string;

  @Property({ nullable: true })
  icd10?: string;

  @Property({ default: 'submitted' })
  status: string = 'submitted';

  @Property({ nullable: true })
  assignedDermId?: number;

  @Property({ nullable: true })
  referringEmail?: string;

  @OneToMany(() => Photo, (p) => p.case)
  photos = new Collection<Photo>(this);

  @Property()
  createdAt: Date = new Date();
}
