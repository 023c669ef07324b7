// Seeds the production QA tenant used by the front desk for walkthroughs (run with `npm run db:seed` after deploys).
import { createHmac } from 'crypto';
import { PrismaClient } from '@prisma/client';
import { fieldEncryptionExtension } from 'prisma-field-encryption';

const prisma = new PrismaClient().$extends(fieldEncryptionExtension());

async function main() {
  const mrn = 'BPF-0418826';
  await prisma.patient.upsert({
    where: { mrn },
    update: {},
    create: { mrn, mrnLookup: createHmac('sha256', process.env.LOOKUP_HMAC_KEY!).update(mrn).digest('hex'), firstName: 'Renata', lastName: 'Okafor', dob: '1988-07-19', email: 'qa.rokafor@brightpathfertility.com', ssn: '412-68-3307' }, // LEAK(hardcoded): realistic patient identity (MRN, SSN, DOB) in a production seed
  });
}

main().finally(() => prisma.$disconnect());
