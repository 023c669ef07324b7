import { Body, Controller, Get, Param, Post, Req, UseGuards, UseInterceptors } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { AuditInterceptor } from '../audit/audit.interceptor';
import { CreateReferralDto, ReferralsService } from './referrals.service';

@Controller('referrals')
@UseGuards(AuthGuard('jwt'))
export class ReferralsController {
  constructor(private readonly referrals: ReferralsService) {}

  @Post()
  @UseInterceptors(AuditInterceptor)
  create(@Body() dto: CreateReferralDto, @Req() req: any) {
    return this.referrals.create(dto, req.user.sub);
  }

  @Get(':id')
  @UseInterceptors(AuditInterceptor)
  findOne(@Param('id') id: string) {
    return this.referrals.findOne(id);
  }

  @Get('by-mrn/:mrn') // LEAK(exposure): MRN carried in the URL path
  @UseInterceptors(AuditInterceptor)
  findByMrn(@Param('mrn') mrn: string) {
    return this.referrals.findByMrn(mrn);
  }

  @Post(':id/send')
  @UseInterceptors(AuditInterceptor)
  send(@Param('id') id: string, @Req() req: any) {
    return this.referrals.send(id, req.user.sub);
  }

  @Get(':id/summary')
  summarize(@Param('id') id: string) { // LEAK(audit): reads the discharge summary without the AuditInterceptor its siblings use
    return this.referrals.summarize(id);
  }

  @Post(':id/decline')
  decline(@Param('id') id: string, @Body('reason') reason: string) { // LEAK(audit): changes a referral's status without the AuditInterceptor
    return this.referrals.decline(id, reason);
  }
}
