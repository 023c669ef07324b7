import type { NextFunction, Request, Response } from 'express';
import { auditApi } from './ehr';

/** Sends one access event per request to the hospital audit collector. */
export function audit(action: string) {
  return (req: Request, res: Response, next: NextFunction) => {
    res.on('finish', () => {
      auditApi
        .post('/events', {
          actor: (req.session as any).nurseId,
          action,
          patientId: req.params.id ?? null,
          status: res.statusCode,
          at: new Date().toISOString(),
        })
        .catch(() => undefined);
    });
    next();
  };
}
