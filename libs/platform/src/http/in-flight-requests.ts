import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { finalize, type Observable } from 'rxjs';

/**
 * Counts the requests whose handler is still running, so that shutdown can wait for them before
 * the database closes. Closing the HTTP server only waits for open connections: a client that
 * went away leaves its handler running, and it must still finish (or fail) on an open database.
 */
@Injectable()
export class InFlightRequests implements NestInterceptor {
  private running = 0;
  private waiting: (() => void)[] = [];

  get count(): number {
    return this.running;
  }

  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    this.running += 1;
    return next.handle().pipe(
      finalize(() => {
        this.running -= 1;
        if (this.running === 0) for (const resolve of this.waiting.splice(0)) resolve();
      }),
    );
  }

  /** Resolves true once no handler runs, or false after `timeoutMs`. */
  drained(timeoutMs: number): Promise<boolean> {
    if (this.running === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (drained: boolean) => {
        clearTimeout(timer);
        this.waiting = this.waiting.filter((entry) => entry !== onIdle);
        resolve(drained);
      };
      const onIdle = () => done(true);
      const timer = setTimeout(() => done(false), timeoutMs);
      this.waiting.push(onIdle);
    });
  }
}
