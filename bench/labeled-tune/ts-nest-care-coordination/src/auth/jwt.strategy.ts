import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';

export interface StaffUser {
  sub: string;
  role: 'care_manager' | 'social_worker' | 'admin';
  orgId: string;
}

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy) {
  constructor(cfg: ConfigService) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: cfg.get<string>('jwt.secret'),
      algorithms: ['HS256'],
      ignoreExpiration: true, // LEAK(session): expired access tokens still accepted
    });
  }

  async validate(payload: StaffUser): Promise<StaffUser> {
    return { sub: payload.sub, role: payload.role, orgId: payload.orgId };
  }
}
