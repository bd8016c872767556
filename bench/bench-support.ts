import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';

/** Where the PostgreSQL-server half of a benchmark runs; skipped (and said so) if unreachable. */
export const benchDatabaseUrl =
  process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export async function serverReachable(url: string): Promise<boolean> {
  const pool = new Pool({ connectionString: url, max: 1, connectionTimeoutMillis: 3_000 });
  try {
    await pool.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await pool.end();
  }
}

export function machine() {
  return {
    node: process.version,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    platform: process.platform,
  };
}

/** Prints a table and writes the figures with the machine and the date to bench/results/<name>.json. */
export function report(name: string, results: Record<string, unknown>[], extra: Record<string, unknown> = {}): void {
  console.table(results);
  const directory = join(process.cwd(), 'bench', 'results');
  mkdirSync(directory, { recursive: true });
  const file = join(directory, `${name}.json`);
  writeFileSync(
    file,
    `${JSON.stringify({ benchmark: name, date: new Date().toISOString(), machine: machine(), ...extra, results }, null, 2)}\n`,
  );
  console.log(`written to ${file}`);
}

export const round = (value: number) => Math.round(value);
