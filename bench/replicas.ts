import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/**
 * The processes a benchmark spawns (API replicas, the projector, the load generator), so that
 * none outlives it: each is stopped with SIGTERM, then SIGKILL if it has not exited in time, and
 * whatever is still running when the benchmark exits (on failure too) gets SIGKILL.
 */
const spawned = new Set<ChildProcess>();
let guarded = false;

function guard(): void {
  if (guarded) return;
  guarded = true;
  // The last resort: a synchronous SIGKILL of every survivor (exit handlers cannot wait).
  process.on('exit', () => {
    for (const child of spawned) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => {
      void stopAll().finally(() => process.exit(130));
    });
}

/** Follows `child` until it exits; stopAll() and the exit handler stop it if the benchmark does not. */
export function track<T extends ChildProcess>(child: T): T {
  guard();
  spawned.add(child);
  child.once('exit', () => spawned.delete(child));
  return child;
}

const exited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

/**
 * SIGTERM (the API closes gracefully: drains HTTP, releases the projections' lease), then SIGKILL
 * after `graceMs`. `politely` replaces SIGTERM by another first request (the bench's IPC 'exit',
 * under which `--cpu-prof` writes its profile).
 */
export async function stopProcess(child: ChildProcess, graceMs = 10_000, politely?: () => void): Promise<void> {
  if (exited(child)) return;
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    if (politely) politely();
    else child.kill('SIGTERM');
  } catch {
    child.kill('SIGTERM');
  }
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([gone, new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)))]);
  clearTimeout(timer);
  if (!exited(child)) {
    child.kill('SIGKILL');
    await Promise.race([gone, new Promise<void>((resolve) => setTimeout(resolve, 2_000))]);
  }
}

/** Stops every process still tracked, all at once (each SIGTERM then SIGKILL). */
export async function stopAll(graceMs = 10_000): Promise<void> {
  await Promise.all([...spawned].map((child) => stopProcess(child, graceMs)));
}

/** A TCP port free on 127.0.0.1 just now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Polls `probe` every `everyMs` until it returns a value; throws with `what` after `timeoutMs`. */
export async function until<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 60_000,
  everyMs = 200,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
