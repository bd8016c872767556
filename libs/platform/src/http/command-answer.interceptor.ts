import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import { map, type Observable } from 'rxjs';
import { answerMetaOf } from '@ledger/event-sourcing';
import { pinStatus } from './pinned-status';

/**
 * The one place that turns a command's answer into HTTP: a proposal recorded in place of the
 * effect is `202 Accepted`; a decided command keeps its route's status (201 or 200) — on a replay
 * too, since the kind is recorded with the answer. A replay says `Idempotent-Replayed: true`; an
 * answer that left before the read models showed it says `X-Read-Models: behind` (it is still the
 * command's true result, at `X-Log-Position`).
 */
@Injectable()
export class CommandAnswerInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const response = context.switchToHttp().getResponse<Response>();
    return next.handle().pipe(
      map((body: unknown) => {
        const meta = answerMetaOf(body);
        if (!meta) return body;
        if (meta.kind === 'proposed') pinStatus(response, 202);
        if (meta.replayed) response.setHeader('Idempotent-Replayed', 'true');
        response.setHeader('X-Log-Position', meta.position.toString());
        response.setHeader('X-Read-Models', meta.readModels);
        return body;
      }),
    );
  }
}
