import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * Helmet's secure headers on every answer (HSTS, nosniff, frame-ancestors none, no referrer, …)
 * with its strict Content-Security-Policy — except under `docsPath`, where Swagger UI needs its
 * inline styles and scripts: there the policy is relaxed for those alone (nothing is loaded from
 * another origin).
 */
export function secureHeaders(docsPath = '/docs'): RequestHandler {
  const api = helmet();
  const docs = helmet({
    contentSecurityPolicy: {
      directives: {
        'script-src': ["'self'", "'unsafe-inline'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:'],
        // The service is often reached over plain http (localhost, a container address): do not
        // make the browser fetch Swagger UI's own files over https.
        'upgrade-insecure-requests': null,
      },
    },
  });
  return (request, response, next) => {
    const underDocs = request.path === docsPath || request.path.startsWith(`${docsPath}/`);
    return (underDocs ? docs : api)(request, response, next);
  };
}
