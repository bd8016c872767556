// Compiles apps/ and libs/ to dist/ with SWC (seconds, not tens of seconds), rewriting the
// @ledger/* path aliases so that plain `node` runs the output. Type-checking is `npm run typecheck`.
const { transformFile } = require('@swc/core');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const outDir = path.join(root, 'dist');
const sources = ['apps', 'libs', 'bench', 'scripts'];
const { compilerOptions } = JSON.parse(fs.readFileSync(path.join(root, 'tsconfig.json'), 'utf8'));

function* walk(dir) {
  if (!fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      // bench/emmett has a node_modules of its own (see bench/emmett/package.json): not ours to compile.
      // apps/console is the browser app, built by Vite (npm run build:console), not by SWC.
      if (entry.name !== 'node_modules' && full !== path.join(root, 'apps', 'console')) yield* walk(full);
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') && !entry.name.endsWith('.d.ts'))
      yield full;
  }
}

async function main() {
  // A file moved or deleted must not live on in dist/ and shadow its replacement (dist/console is Vite's).
  for (const source of sources) fs.rmSync(path.join(outDir, source), { recursive: true, force: true });
  let count = 0;
  for (const source of sources) {
    for (const file of walk(path.join(root, source))) {
      const { code, map } = await transformFile(file, {
        sourceMaps: true,
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
          keepClassNames: true,
          baseUrl: root,
          paths: compilerOptions.paths,
        },
        module: { type: 'commonjs' },
      });
      const target = path.join(outDir, path.relative(root, file)).replace(/\.ts$/, '.js');
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, `${code}\n//# sourceMappingURL=${path.basename(target)}.map\n`);
      if (map) fs.writeFileSync(`${target}.map`, map);
      count++;
    }
  }
  process.stdout.write(`built ${count} files into dist/\n`);
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
