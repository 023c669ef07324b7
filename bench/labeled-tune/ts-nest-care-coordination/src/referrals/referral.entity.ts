import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { encrypted } from '../common/field-crypto';

export type ReferralStatus = 'draft' | 'sent' | 'accepted' | 'declined' | 'closed';

@Entity('referrals')
export class Referral {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column() // LEAK(storage): MRN kept in a plaintext indexed column
  mrn: string;

  @Column({ type: 'text', transformer: encrypted })
  patientName: string;

  @Column({ type: 'text', transformer: encrypted }) // SAFE(storage): AES-GCM transformer on DOB
  dateOfBirth: string;

  @Column({ type: 'text', transformer: encrypted })
  ssn: string;

  @Index()
  @Column({ length: 64 })
  ssnDigest: string;

  @Column({ type: 'text', transformer: encrypted })
  phone: string;

  @Column({ type: 'simple-array' }) // LEAK(storage): diagnosis codes stored in plaintext
  diagnosisCodes: string[];

  @Column({ type: 'text', nullable: true }) // LEAK(storage): discharge summary stored in plaintext
  dischargeSummary: string | null;

  @Column()
  serviceType: 'home_health' | 'snf' | 'hospice' | 'outpatient_pt';

  @Column({ default: 'draft' })
  status: ReferralStatus;

  @Column()
  createdBy: string;

  @CreateDateColumn()
  createdAt: Date;

  @UpdateDateColumn()
  updatedAt: Date;
}
