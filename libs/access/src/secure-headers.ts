import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * Helmet's secure headers on every answer (HSTS, nosniff, frame-ancestors none, no referrer, …)
 * with its strict Content-Security-Policy, but:
 * - `upgrade-insecure-requests` (and Cross-Origin-Opener-Policy, see below) only on https. The service is often reached over plain http (a
 *   container or a LAN address: `http://server:3000/console`); there the directive makes the
 *   browser fetch the console's own scripts over https, which nothing answers: a blank page.
 *   Behind a TLS proxy, `request.secure` is true when `TRUST_PROXY` is set.
 * - under `docsPath`, Swagger UI needs its inline styles and scripts: relaxed for those alone
 *   (nothing is loaded from another origin).
 */
export function secureHeaders(docsPath = '/docs'): RequestHandler {
  const policy = (https: boolean, docs: boolean) =>
    helmet({
      contentSecurityPolicy: {
        directives: {
          ...(docs
            ? {
                'script-src': ["'self'", "'unsafe-inline'"],
                'style-src': ["'self'", "'unsafe-inline'"],
                'img-src': ["'self'", 'data:'],
              }
            : {}),
          'upgrade-insecure-requests': https ? [] : null,
        },
      },
      // Browsers ignore Cross-Origin-Opener-Policy from an untrustworthy (plain http, non-localhost)
      // origin and log an error in the console for it: sent on https only.
      crossOriginOpenerPolicy: https,
    });
  const handlers = {
    api: { https: policy(true, false), http: policy(false, false) },
    docs: { https: policy(true, true), http: policy(false, true) },
  };
  return (request, response, next) => {
    const underDocs = request.path === docsPath || request.path.startsWith(`${docsPath}/`);
    const scheme = request.secure ? 'https' : 'http';
    return handlers[underDocs ? 'docs' : 'api'][scheme](request, response, next);
  };
}
