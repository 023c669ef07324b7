import { PrismaClient } from '@prisma/client';
import { fieldEncryptionExtension } from 'prisma-field-encryption';

const globalForPrisma = globalThis as unknown as { prisma?: ReturnType<typeof makeClient> };

function makeClient() {
  return new PrismaClient().$extends(fieldEncryptionExtension());
}

export const prisma = globalForPrisma.prisma ?? makeClient();
if (process.env.NODE_ENV !== 'production') globalForPrisma.prisma = prisma;
