/** Access settings from the environment. */
export interface AccessConfig {
  /** `LEDGER_ADMIN_API_KEY`: the first admin key, used only on a ledger that has no admin key yet. */
  readonly adminApiKey: string | undefined;
  /** `RATE_LIMIT_PER_MINUTE`: requests per minute per API key (per IP before authentication). */
  readonly rateLimitPerMinute: number;
}

export const DEFAULT_RATE_LIMIT_PER_MINUTE = 6000;

export function loadAccessConfig(env: NodeJS.ProcessEnv = process.env): AccessConfig {
  const raw = env.RATE_LIMIT_PER_MINUTE;
  const rateLimitPerMinute = raw === undefined || raw === '' ? DEFAULT_RATE_LIMIT_PER_MINUTE : Number(raw);
  if (!Number.isInteger(rateLimitPerMinute) || rateLimitPerMinute < 1) {
    throw new Error(`RATE_LIMIT_PER_MINUTE must be a whole number ≥ 1, got ${raw}`);
  }
  return { adminApiKey: env.LEDGER_ADMIN_API_KEY || undefined, rateLimitPerMinute };
}
