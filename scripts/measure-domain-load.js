// How much it costs to import a context's pure domain: for each context, a fresh `node` requires
// dist/libs/<context>/src/domain/index.js and reports the time it took and how many modules came
// with it. The domain should load in tens of milliseconds and pull in no framework, database or
// store client. Run after `node scripts/build.js` (`npm run measure:domain-load` does both).
//
//   node scripts/measure-domain-load.js [--dist <dir>] [--runs <n>] [--out <file>]
//
// --dist measures another build (e.g. a copy of dist/ from an older commit); --out writes the JSON
// elsewhere than bench/results/domain-load.json.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const contexts = ['cofinancing', 'guarantees'];
/** Packages a pure domain must never load. */
const runtime = ['@nestjs/', 'typeorm', 'pg', '@kurrent/', '@electric-sql/', 'rxjs', 'reflect-metadata'];

function child(target) {
  const cachedBefore = new Set(Object.keys(require.cache));
  const builtinsBefore = process.moduleLoadList.length;
  const start = process.hrtime.bigint();
  require(target);
  const milliseconds = Number(process.hrtime.bigint() - start) / 1e6;
  const loaded = Object.keys(require.cache).filter((file) => !cachedBefore.has(file));
  const packages = new Set();
  for (const file of loaded) {
    const match = /node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(file);
    if (match) packages.add(match[1].replace(/\\/g, '/'));
  }
  process.stdout.write(
    JSON.stringify({
      milliseconds,
      modules: loaded.length,
      ownModules: loaded.filter((file) => !file.includes('node_modules')).length,
      builtins: process.moduleLoadList.length - builtinsBefore,
      packages: [...packages].sort(),
    }),
  );
}

function option(name, fallback) {
  const index = process.argv.indexOf(name);
  return index === -1 ? fallback : process.argv[index + 1];
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

function main() {
  const dist = path.resolve(option('--dist', path.join(root, 'dist')));
  const runs = Number(option('--runs', '5'));
  const out = path.resolve(option('--out', path.join(root, 'bench', 'results', 'domain-load.json')));
  const results = [];
  for (const context of contexts) {
    const target = path.join(dist, 'libs', context, 'src', 'domain', 'index.js');
    if (!fs.existsSync(target)) throw new Error(`${target} is missing: run node scripts/build.js first`);
    const samples = [];
    for (let run = 0; run < runs; run++) {
      // A fresh process each time: nothing cached, as a new user's `require` would find it.
      const output = execFileSync(process.execPath, [__filename, '--child', target], { cwd: root, encoding: 'utf8' });
      samples.push(JSON.parse(output));
    }
    const last = samples[samples.length - 1];
    results.push({
      context,
      medianMs: Math.round(median(samples.map((sample) => sample.milliseconds)) * 10) / 10,
      minMs: Math.round(Math.min(...samples.map((sample) => sample.milliseconds)) * 10) / 10,
      modules: last.modules,
      ownModules: last.ownModules,
      builtins: last.builtins,
      packages: last.packages,
      runtimeLoaded:
        last.packages.filter((name) => runtime.some((banned) => name.startsWith(banned))).join(' ') || 'none',
    });
  }
  console.table(results.map((result) => ({ ...result, packages: result.packages.length })));
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const machine = {
    node: process.version,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    platform: process.platform,
  };
  const report = {
    benchmark: 'domain-load',
    date: new Date().toISOString(),
    machine,
    dist: path.relative(root, dist) || '.',
    runs,
    targetMs: 'tens of milliseconds',
    results,
  };
  fs.writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`written to ${out}`);
}

if (process.argv[2] === '--child') child(process.argv[3]);
else main();
