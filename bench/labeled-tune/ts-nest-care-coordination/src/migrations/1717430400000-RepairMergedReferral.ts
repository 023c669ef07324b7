import { MigrationInterface, QueryRunner } from 'typeorm';

// CC-812: two referrals were created under the pre-merge chart; point them at the surviving MRN
export class RepairMergedReferral1717430400000 implements MigrationInterface {
  name = 'RepairMergedReferral1717430400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`UPDATE referrals SET mrn = 'E00731942' WHERE mrn = 'E00418876'`); // LEAK(hardcoded): real-format patient MRNs in a migration
    await queryRunner.query(`UPDATE referrals SET status = 'closed' WHERE status = 'draft' AND "createdAt" < now() - interval '180 days'`); // SAFE(hardcoded): no identifiers
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`UPDATE referrals SET mrn = 'E00418876' WHERE mrn = 'E00731942' AND "createdAt" < '2024-06-01'`); // LEAK(hardcoded): same MRNs in the rollback
  }
}
