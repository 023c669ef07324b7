import { Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { JwtModule } from '@nestjs/jwt';
import { BullModule } from '@nestjs/bullmq';
import { CacheModule } from '@nestjs/cache-manager';
import { redisStore } from 'cache-manager-redis-yet';
import { Referral } from './referrals/referral.entity';
import { ReferralsController } from './referrals/referrals.controller';
import { ReferralsService } from './referrals/referrals.service';
import { ReferralProcessor } from './referrals/referral.processor';
import { AuditEvent, AuditInterceptor } from './audit/audit.interceptor';
import { JwtStrategy } from './auth/jwt.strategy';

const configuration = () => ({
  port: parseInt(process.env.PORT ?? '3000', 10),
  databaseUrl: process.env.DATABASE_URL,
  redisUrl: process.env.REDIS_URL,
  cacheRedisUrl: process.env.CACHE_REDIS_URL,
  jwt: {
    secret: process.env.JWT_SECRET,
    accessTtl: process.env.JWT_ACCESS_TTL ?? '15m',
  },
  partner: {
    referralUrl: process.env.PARTNER_REFERRAL_URL,
  },
  phiFieldKey: process.env.PHI_FIELD_KEY,
});

@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true, load: [configuration] }),
    TypeOrmModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (cfg: ConfigService) => ({
        type: 'postgres',
        url: cfg.get<string>('databaseUrl'),
        entities: [Referral, AuditEvent],
        ssl: { rejectUnauthorized: true },
      }),
    }),
    TypeOrmModule.forFeature([Referral, AuditEvent]),
    JwtModule.registerAsync({
      inject: [ConfigService],
      useFactory: (cfg: ConfigService) => ({
        secret: cfg.get<string>('jwt.secret'),
        signOptions: { expiresIn: cfg.get<string>('jwt.accessTtl') },
      }),
    }),
    BullModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (cfg: ConfigService) => ({ connection: { url: cfg.get<string>('redisUrl') } }),
    }),
    BullModule.registerQueue({ name: 'partner-referrals' }),
    CacheModule.registerAsync({
      isGlobal: true,
      inject: [ConfigService],
      useFactory: async (cfg: ConfigService) => ({ store: await redisStore({ url: cfg.get<string>('cacheRedisUrl'), ttl: 3600_000 }) }),
    }),
  ],
  controllers: [ReferralsController],
  providers: [ReferralsService, ReferralProcessor, AuditInterceptor, JwtStrategy],
})
export class AppModule {}
