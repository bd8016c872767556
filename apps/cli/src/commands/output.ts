import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';

/**
 * Writes streamed text to a file (`--out`) or to stdout, waiting for the destination to drain
 * so that memory stays flat on a large export. A failed file export leaves no partial file.
 */
export async function writeOutput(chunks: AsyncIterable<string>, out: string | undefined): Promise<void> {
  if (!out) {
    for await (const chunk of chunks) if (!process.stdout.write(chunk)) await once(process.stdout, 'drain');
    return;
  }
  const file = createWriteStream(out, { encoding: 'utf8' });
  try {
    for await (const chunk of chunks) if (!file.write(chunk)) await once(file, 'drain');
    file.end();
    await once(file, 'finish');
  } catch (error) {
    file.destroy();
    await rm(out, { force: true });
    throw error;
  }
}

/** A non-negative integer option (a position or a revision). */
export function positionOption(name: string, value: string | undefined): bigint | undefined {
  if (value === undefined) return undefined;
  if (!/^(0|[1-9][0-9]{0,18})$/.test(value)) throw new Error(`${name} must be a non-negative integer, got ${value}`);
  return BigInt(value);
}
