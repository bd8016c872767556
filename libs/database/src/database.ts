import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { Client, Pool, type PoolClient, type PoolConfig } from 'pg';

export interface DatabaseOptions {
  /** A PostgreSQL server; when absent, an embedded PGlite is used. */
  readonly databaseUrl?: string;
  /** Folder of the embedded database (`<dataDir>/pglite`); 'memory://' keeps it in memory. */
  readonly dataDir?: string;
  /** Server connections in the pool (the embedded database always gets exactly one). */
  readonly poolSize?: number;
  /** A PostgreSQL schema to work in (created if missing); used to isolate test runs on a server. */
  readonly schema?: string;
  /**
   * A read-only server (a streaming replica) for queries: nothing is created on it, and an
   * `options=-c search_path=<schema>` in its URL names its schema (otherwise `schema`).
   */
  readonly readOnly?: boolean;
}

export type DatabaseKind = 'postgres' | 'embedded';

/**
 * The one way to the database. Everything — event store, read models, checkpoints — goes through
 * this pool. On the embedded default the pool holds exactly one connection to a PGlite served over
 * a local socket: PGlite runs one session at a time, so every transaction is serialised whole and
 * two requests can never interleave their statements.
 */
export class Database {
  private constructor(
    readonly kind: DatabaseKind,
    readonly pool: Pool,
    readonly schema: string,
    private readonly embedded?: { server: PGLiteSocketServer; db: PGlite; releaseLock: () => void },
    private readonly databaseUrl?: string,
  ) {}

  static async open(options: DatabaseOptions = {}): Promise<Database> {
    // A replica's URL may name its schema (options=-c search_path=…): then that is the schema.
    const named =
      options.readOnly && options.databaseUrl
        ? /search_path=([a-z_][a-z0-9_]*)/.exec(decodeURIComponent(options.databaseUrl))?.[1]
        : undefined;
    const schema = named ?? options.schema ?? 'public';
    assertIdentifier(schema);
    const searchPath = schema === 'public' ? undefined : `-c search_path=${schema},public`;
    if (options.databaseUrl) {
      if (schema !== 'public' && !options.readOnly) await createSchema(options.databaseUrl, schema);
      const ownSearchPath = named !== undefined;
      const pool = survivingDroppedConnections(
        new Pool(
          withDefaults({
            connectionString: options.databaseUrl,
            max: options.poolSize ?? 10,
            ...(ownSearchPath ? {} : { options: searchPath }),
          }),
        ),
      );
      const database = new Database('postgres', pool, schema, undefined, options.databaseUrl);
      await database.ping();
      return database;
    }
    const dataDir = options.dataDir ?? './data';
    const location = dataDir === 'memory://' ? 'memory://' : join(resolve(dataDir), 'pglite');
    let releaseLock = () => undefined as void;
    if (location !== 'memory://') {
      mkdirSync(location, { recursive: true });
      releaseLock = lockDataDir(location);
    }
    let db: PGlite;
    try {
      db = await PGlite.create(location);
    } catch (error) {
      releaseLock();
      throw error;
    }
    // The pool below never holds more than one live connection. The second slot only covers the
    // moment when pg-pool discards a connection after a failed query (it does so on every error)
    // and opens the next one before the old socket has finished closing.
    const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 2 });
    await server.start();
    const { port } = (server as unknown as { server: { address(): AddressInfo } }).server.address();
    const pool = survivingDroppedConnections(
      new Pool(
        withDefaults({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres', max: 1, options: searchPath }),
      ),
    );
    const database = new Database('embedded', pool, schema, { server, db, releaseLock });
    if (schema !== 'public') await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await database.ping();
    return database;
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  /** Runs `work` in one transaction on one connection; rolls back if it throws. */
  async transaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /**
   * Runs `work` while holding a session advisory lock named `key`, taken on a connection of its
   * own (not one of the pool's, which `work` may need): processes of one server take turns. The
   * embedded database has one process, so it just runs.
   */
  async exclusively<T>(key: string, work: () => Promise<T>): Promise<T> {
    if (!this.databaseUrl) return work();
    const client = new Client({ connectionString: this.databaseUrl });
    client.on('error', () => undefined);
    await client.connect();
    try {
      await client.query('SELECT pg_advisory_lock(hashtext($1))', [key]);
      return await work();
    } finally {
      await client.end().catch(() => undefined); // ending the session releases the lock
    }
  }

  /**
   * Calls `onMessage` with each notification's payload on `channel` (PostgreSQL LISTEN), on a
   * connection of its own outside the pool, opened again after a loss (1 s later). Notifications
   * are a hint that may be missed while reconnecting: users poll as well. On the embedded
   * database, one process owns the data, so there is nobody to hear from and nothing is opened.
   * Returns a function that stops listening.
   */
  async listen(channel: string, onMessage: (payload: string) => void): Promise<() => Promise<void>> {
    assertIdentifier(channel);
    if (!this.databaseUrl) return async () => undefined;
    const url = this.databaseUrl;
    let client: Client | null = null;
    let stopped = false;
    let retry: NodeJS.Timeout | undefined;
    const again = () => {
      clearTimeout(retry);
      if (!stopped) retry = setTimeout(() => void connect().catch(again), 1_000);
    };
    const connect = async (): Promise<void> => {
      const next = new Client({ connectionString: url });
      next.on('error', () => undefined);
      next.on('end', () => {
        if (client !== next) return;
        client = null;
        again();
      });
      next.on('notification', (message) => onMessage(message.payload ?? ''));
      try {
        await next.connect();
        await next.query(`LISTEN ${channel}`);
      } catch (error) {
        await next.end().catch(() => undefined);
        throw error;
      }
      if (stopped) await next.end().catch(() => undefined);
      else client = next;
    };
    await connect().catch(again);
    return async () => {
      stopped = true;
      clearTimeout(retry);
      await client?.end().catch(() => undefined);
      client = null;
    };
  }

  async close(): Promise<void> {
    await this.pool.end();
    if (this.embedded) {
      await this.embedded.server.stop();
      await this.embedded.db.close();
      this.embedded.releaseLock();
    }
  }
}

/**
 * One process at a time on an embedded data folder: PGlite has no cross-process locking, and two
 * processes writing the same files would corrupt it. A stale lock (its process is gone) is taken over.
 */
function lockDataDir(location: string): () => void {
  const lockFile = join(location, '..', 'ledger.lock');
  try {
    writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
  } catch {
    const holder = Number(readFileSync(lockFile, 'utf8'));
    if (Number.isInteger(holder) && holder !== process.pid && isAlive(holder)) {
      throw new Error(
        `the embedded database in ${resolve(location, '..')} is in use by process ${holder}; stop it first, or use a PostgreSQL server (DATABASE_URL)`,
      );
    }
    writeFileSync(lockFile, String(process.pid));
  }
  return () => {
    try {
      if (readFileSync(lockFile, 'utf8') === String(process.pid)) unlinkSync(lockFile);
    } catch {
      // already gone
    }
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function withDefaults(config: PoolConfig): PoolConfig {
  return { idleTimeoutMillis: 0, connectionTimeoutMillis: 30_000, ...config };
}

/**
 * A connection that dies (server restart, `pg_terminate_backend`, a proxy's idle cut) makes pg
 * emit 'error' on the client, and on the pool if it was idle; with no listener Node turns that into
 * an uncaught exception and the whole service exits. The pool already drops a dead connection and
 * opens another on demand, and the query that was running gets the error itself (answered 503), so
 * these events only need to be heard.
 */
function survivingDroppedConnections(pool: Pool): Pool {
  const ignore = () => undefined;
  pool.on('error', ignore);
  pool.on('connect', (client) => client.on('error', ignore));
  return pool;
}

async function createSchema(databaseUrl: string, schema: string): Promise<void> {
  const pool = new Pool({ connectionString: databaseUrl, max: 1 });
  try {
    await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  } finally {
    await pool.end();
  }
}

function assertIdentifier(name: string): void {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`invalid schema name: ${name}`);
}
