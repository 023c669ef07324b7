import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Observable, tap } from 'rxjs';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Repository } from 'typeorm';

@Entity('audit_events')
export class AuditEvent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column()
  actor: string;

  @Column()
  action: string;

  @Column({ nullable: true })
  resourceId: string;

  @Column()
  outcome: string;

  @CreateDateColumn()
  at: Date;
}

@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(@InjectRepository(AuditEvent) private readonly events: Repository<AuditEvent>) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = ctx.switchToHttp().getRequest();
    const action = `${ctx.getClass().name}.${ctx.getHandler().name}`;
    const write = (outcome: string) =>
      this.events.insert({ actor: req.user?.sub ?? 'anonymous', action, resourceId: req.params?.id ?? null, outcome });
    return next.handle().pipe(
      tap({ next: () => void write('success'), error: () => void write('error') }),
    );
  }
}
