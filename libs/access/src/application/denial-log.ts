import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Request } from 'express';
import type { Principal } from '../domain/principal';
import { AccessStore } from './access.store';

/**
 * Every refused request (401, 403, and the 404 that hides another bank's data) is logged as one
 * structured entry and kept in `access_denials`, which admins and auditors read at
 * `GET /access/denials`. Neither the key nor the query string is ever written.
 */
@Injectable()
export class DenialLog {
  private readonly logger = new Logger('Access');

  constructor(@Inject(AccessStore) private readonly store: AccessStore) {}

  async record(request: Request, status: 401 | 403 | 404, reason: string, principal: Principal | null): Promise<void> {
    const entry = {
      status,
      reason,
      actor: principal?.userId ?? null,
      role: principal?.role ?? null,
      keyId: principal?.keyId ?? null,
      method: request.method,
      path: request.originalUrl.split('?')[0]!.slice(0, 500),
      ip: request.ip ?? null,
    };
    this.logger.warn({ event: 'access-denied', ...entry });
    try {
      await this.store.recordDenial(entry);
    } catch (error) {
      this.logger.error(`could not record an access denial: ${(error as Error).message}`);
    }
  }
}
