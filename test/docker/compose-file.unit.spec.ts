import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
// js-yaml is not a dependency of ours: @nestjs/swagger (a production dependency) brings it. If it
// ever goes away, this test says so by failing to load, not by passing without checking.
import { CORE_SCHEMA, load, mergeTag } from 'js-yaml';

/**
 * No Docker engine runs on our machines, so `docker compose up` is never run here. This test reads
 * docker/docker-compose.yml, its Caddyfile, its env file and the Dockerfile, and holds them to what
 * docker/README.md promises: PostgreSQL with no published port and its password from docker/.env,
 * two API replicas and one projector on the same image behind a health-checking proxy, KurrentDB
 * only behind a profile, and a Node image whose major version every "engines" field accepts.
 */

const root = join(__dirname, '..', '..');
const dockerDir = join(root, 'docker');
const read = (...path: string[]) => readFileSync(join(root, ...path), 'utf8');

interface Healthcheck {
  test?: string[] | string;
  disable?: boolean;
}
interface Service {
  image?: string;
  build?: { context: string; dockerfile: string };
  command?: string[] | string;
  environment?: Record<string, string>;
  env_file?: string[] | string;
  ports?: string[];
  volumes?: string[];
  profiles?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: Healthcheck;
  restart?: string;
}
interface ComposeFile {
  name?: string;
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
}

// Compose resolves YAML merge keys (`<<: *anchor`), which js-yaml 5 leaves to an opt-in tag.
const compose = load(read('docker', 'docker-compose.yml'), { schema: CORE_SCHEMA.withTags(mergeTag) }) as ComposeFile;
const services = compose.services;
const role = (service: Service) => service.environment?.LEDGER_ROLE;
const ledgerServices = Object.entries(services).filter(([, service]) => role(service) !== undefined);
const apiNames = ledgerServices.filter(([, service]) => role(service) === 'api').map(([name]) => name);
const projectorNames = ledgerServices.filter(([, service]) => role(service) === 'projector').map(([name]) => name);
const defaultProfile = Object.entries(services).filter(([, service]) => !service.profiles?.length);
const PASSWORD = '${POSTGRES_PASSWORD:?';

describe('docker/docker-compose.yml', () => {
  it('runs PostgreSQL with no port on the host and its password from docker/.env, failing loudly without it', () => {
    const postgres = services.postgres;
    expect(postgres.image).toMatch(/^postgres:\d+/);
    expect(postgres.ports).toBeUndefined();
    expect(postgres.environment?.POSTGRES_PASSWORD?.startsWith(PASSWORD)).toBe(true);
    expect(postgres.healthcheck?.test).toEqual(expect.arrayContaining([expect.stringContaining('pg_isready')]));
  });

  it('runs two API replicas and one projector, with LEDGER_ROLE, PORT and DATABASE_URL from the password', () => {
    expect(apiNames).toHaveLength(2);
    expect(projectorNames).toHaveLength(1);
    for (const [name, service] of ledgerServices) {
      expect({ name, port: service.environment?.PORT }).toEqual({ name, port: '3000' });
      expect(service.environment?.DATABASE_URL).toContain(`${PASSWORD}`);
      expect(service.environment?.DATABASE_URL).toMatch(
        /^postgres:\/\/ledger:\$\{POSTGRES_PASSWORD:\?[^}]+\}@postgres:5432\/ledger$/,
      );
    }
  });

  it('has the API replicas, whose one peer is Caddy, believe one hop of X-Forwarded-For (TRUST_PROXY)', () => {
    for (const name of apiNames)
      expect({ name, trustProxy: services[name].environment?.TRUST_PROXY }).toEqual({ name, trustProxy: '1' });
  });

  it('starts every ledger process (and the migration) from one image, with docker/.env as its environment', () => {
    const images = new Set<string>();
    for (const [name, service] of [...ledgerServices, ['migrate', services.migrate] as const]) {
      expect({ name, build: service.build }).toEqual({
        name,
        build: { context: '..', dockerfile: 'docker/Dockerfile' },
      });
      expect({ name, envFile: [service.env_file].flat() }).toEqual({ name, envFile: ['.env'] });
      images.add(service.image ?? '');
    }
    expect(images.size).toBe(1);
    // The projector runs the API's command (the image's CMD) and differs only by its role.
    for (const [, service] of ledgerServices) expect(service.command).toBeUndefined();
  });

  it('checks the ledger processes by /health/live, and starts them after a healthy PostgreSQL and the migration', () => {
    for (const [name, service] of ledgerServices) {
      expect({ name, test: service.healthcheck?.test }).toEqual({
        name,
        test: expect.arrayContaining([expect.stringContaining('/health/live')]),
      });
      expect({ name, dependsOn: service.depends_on }).toEqual({
        name,
        dependsOn: {
          postgres: { condition: 'service_healthy' },
          migrate: { condition: 'service_completed_successfully' },
        },
      });
    }
    expect(services.migrate.command).toEqual(['node', '--enable-source-maps', 'dist/apps/cli/src/main.js', 'migrate']);
    expect(services.migrate.restart).toBe('no');
    expect(services.migrate.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
  });

  it('shares one data volume between the ledger processes (admin key, checkpoint signing key)', () => {
    for (const [, service] of ledgerServices) expect(service.volumes).toEqual(['ledger-data:/data']);
    expect(compose.volumes).toHaveProperty('ledger-data');
  });

  it('publishes one port by default: the proxy’s 3000, which round-robins over the API replicas by /health/ready', () => {
    const published = defaultProfile.filter(([, service]) => service.ports?.length).map(([name]) => name);
    expect(published).toEqual(['proxy']);
    const proxy = services.proxy;
    expect(proxy.ports).toEqual(['${LEDGER_HTTP_PORT:-3000}:3000']);
    expect(proxy.image).toMatch(/^caddy:2\.\d+-alpine$/);
    expect(proxy.volumes).toEqual(['./Caddyfile:/etc/caddy/Caddyfile:ro']);
    // Every API replica is an upstream, and only they are.
    const upstreams = (proxy.environment?.LEDGER_API_UPSTREAMS ?? '').split(/\s+/);
    expect(upstreams.sort()).toEqual(apiNames.map((name) => `${name}:3000`).sort());
    expect(Object.keys(proxy.depends_on ?? {}).sort()).toEqual([...apiNames].sort());

    const caddyfile = read('docker', 'Caddyfile');
    expect(caddyfile).toMatch(/^:3000 \{$/m);
    expect(caddyfile).toMatch(/^\s*reverse_proxy \{\$LEDGER_API_UPSTREAMS\} \{$/m);
    expect(caddyfile).toMatch(/^\s*lb_policy round_robin$/m);
    expect(caddyfile).toMatch(/^\s*health_uri \/health\/ready$/m);
    // Caddy sets X-Forwarded-For itself; a trusted_proxies line would make it keep the client's own.
    expect(caddyfile).not.toMatch(/^\s*trusted_proxies/m);
  });

  it('keeps KurrentDB behind the "kurrentdb" profile, on the host’s loopback only', () => {
    expect(services.kurrentdb.profiles).toEqual(['kurrentdb']);
    for (const port of services.kurrentdb.ports ?? []) expect(port).toMatch(/^127\.0\.0\.1:/);
  });

  it('commits docker/.env.example with every required variable and no secret, and never docker/.env', () => {
    const text = read('docker', 'docker-compose.yml');
    const required = [...new Set([...text.matchAll(/\$\{([A-Z0-9_]+):\?/g)].map((match) => match[1]))];
    expect(required).toEqual(['POSTGRES_PASSWORD']);
    const example = read('docker', '.env.example');
    for (const name of required) expect(example).toMatch(new RegExp(`^${name}=$`, 'm'));
    // git ignores docker/.env (the root .gitignore's ".env"), and so do the build contexts.
    expect(read('.gitignore').split('\n')).toContain('.env');
    for (const ignore of ['.dockerignore', 'Dockerfile.dockerignore']) {
      expect(read('docker', ignore).split('\n')).toEqual(expect.arrayContaining(['**/.env', '**/.env.*']));
    }
  });
});

describe('docker/Dockerfile', () => {
  const dockerfile = read('docker', 'Dockerfile');
  const image = /^ARG NODE_IMAGE=node:(\d+)-bookworm-slim$/m.exec(dockerfile);

  it('builds in stages with npm ci and runs as the unprivileged node user in production mode', () => {
    expect(existsSync(join(dockerDir, 'Dockerfile'))).toBe(true);
    expect(dockerfile.match(/^FROM /gm)?.length).toBeGreaterThanOrEqual(2);
    expect(dockerfile).toMatch(/^RUN npm ci --omit=dev/m);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/NODE_ENV=production/);
    expect(dockerfile).toMatch(/^CMD \["node", "--enable-source-maps", "dist\/apps\/api\/src\/main\.js"\]$/m);
    expect(dockerfile).toMatch(/\/health\/live/);
  });

  it('pins a Node major that package.json and every locked package’s "engines" accept', () => {
    expect(image).not.toBeNull();
    const major = Number(image![1]);
    // An LTS line: even majors are the LTS ones.
    expect(major % 2).toBe(0);
    const pkg = JSON.parse(read('package.json')) as { engines: { node: string } };
    expect(acceptsMajor(pkg.engines.node, major)).toBe(true);
    const lock = JSON.parse(read('package-lock.json')) as {
      packages: Record<string, { engines?: { node?: string } | string[]; optional?: boolean }>;
    };
    const refused = Object.entries(lock.packages)
      .filter(([, entry]) => entry.engines && !Array.isArray(entry.engines) && entry.engines.node)
      .filter(([, entry]) => !acceptsMajor((entry.engines as { node: string }).node, major))
      .map(([name, entry]) => `${name}: ${(entry.engines as { node: string }).node}`);
    expect(refused).toEqual([]);
  });

  it('promises in package.json "engines" no Node LTS major that a locked package refuses', () => {
    const pkg = JSON.parse(read('package.json')) as { engines: { node: string } };
    const lock = JSON.parse(read('package-lock.json')) as {
      packages: Record<string, { engines?: { node?: string } | string[] }>;
    };
    const ranges = Object.entries(lock.packages)
      .filter(([name, entry]) => name !== '' && entry.engines && !Array.isArray(entry.engines) && entry.engines.node)
      .map(([name, entry]) => [name, (entry.engines as { node: string }).node] as const);
    const promised = [18, 20, 22, 24, 26].filter((major) => acceptsMajor(pkg.engines.node, major));
    const broken = promised.flatMap((major) =>
      ranges.filter(([, range]) => !acceptsMajor(range, major)).map(([name, range]) => `${major}: ${name} ${range}`),
    );
    expect(promised).toContain(22);
    expect(broken).toEqual([]);
  });
});

describe('acceptsMajor (the engines check above)', () => {
  it.each([
    ['>=20.19', 24, true],
    ['^20.19.0 || ^22.13.0 || >=24.11.0', 24, true],
    ['^20.19.0 || ^22.12.0', 24, false],
    ['6.* || 8.* || >= 10.*', 24, true],
    ['>=16 || 14 >=14.17', 26, true],
    ['20 || >=22', 21, false],
    ['<24', 24, false],
    ['~22', 22, true],
    ['~22.1', 22, false],
  ])('%s accepts %d: %s', (range, major, expected) => {
    expect(acceptsMajor(range, major)).toBe(expected);
  });
});

/**
 * Whether an npm "engines" range accepts the newest release of a Node major (`major`.999.999: the
 * image tag `node:<major>-…` follows that line's newest release). Enough of npm's range syntax for
 * what package-lock.json holds: `||`, space-joined comparators, `>= <= > < ^ ~`, `x`/`*` wildcards.
 */
function acceptsMajor(range: string, major: number): boolean {
  const version = [major, 999, 999];
  const compare = (a: number[], b: number[]) => {
    for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
    return 0;
  };
  return range.split('||').some((clause) => {
    const comparators = clause
      .trim()
      .replace(/([<>=^~]+)\s+/g, '$1')
      .split(/\s+/)
      .filter(Boolean);
    return comparators.every((comparator) => {
      const [, op, rest] = /^([<>=^~]*)v?(.*)$/.exec(comparator)!;
      const parts = rest.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : undefined));
      const given = parts.filter((part) => part !== undefined).length;
      const low = [0, 1, 2].map((i) => parts[i] ?? 0);
      switch (op) {
        case '>=':
          return compare(version, low) >= 0;
        case '>':
          return compare(version, low) > 0;
        case '<':
          return compare(version, low) < 0;
        case '<=':
          return compare(version, low) <= 0;
        case '^':
        case '~':
          // Same major (for ^ with a major ≥ 1), and not below the given version.
          return (
            version[0] === low[0] && compare(version, low) >= 0 && (op === '^' || given < 2 || version[1] === low[1])
          );
        case '':
        case '=':
          // "20", "20.x", "8.*": the major (and minor, if given) must match.
          return version[0] === low[0] && (given < 2 || version[1] === low[1]);
        default:
          throw new Error(`unknown comparator ${comparator} in ${range}`);
      }
    });
  });
}
