import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import { map, type Observable } from 'rxjs';
import { pinStatus } from './pinned-status';

/** A command answered with a pending four-eyes proposal is `202 Accepted`: nothing is committed yet. */
@Injectable()
export class AcceptedWhenPendingInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const response = context.switchToHttp().getResponse<Response>();
    return next.handle().pipe(
      map((body: unknown) => {
        if (
          body &&
          typeof body === 'object' &&
          'proposalId' in body &&
          (body as { status?: unknown }).status === 'pending'
        )
          pinStatus(response, 202);
        return body;
      }),
    );
  }
}
