import type { CallHandler, ExecutionContext, NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Observable } from 'rxjs';

/**
 * A route kept for one release after its successor: every answer (errors too) says
 * `Deprecation: true` and names the successor (`Link: </proposals/…>; rel="successor-version"`).
 * `:name` in the successor is the route parameter of that name.
 */
export function deprecatedFor(successor: string): NestInterceptor {
  return {
    intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
      const http = context.switchToHttp();
      const params = http.getRequest<Request>().params as Record<string, string | undefined>;
      const target = successor.replace(/:([A-Za-z]+)/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));
      const response = http.getResponse<Response>();
      response.setHeader('Deprecation', 'true');
      response.setHeader('Link', `<${target}>; rel="successor-version"`);
      return next.handle();
    },
  };
}
