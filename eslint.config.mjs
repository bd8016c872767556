// @ts-check
import { builtinModules } from 'node:module';
import path from 'node:path';
import eslint from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

/** What a domain/ may not load: frameworks, databases, store clients, and our runtime libs. */
const RUNTIME = ['@nestjs/*', 'typeorm', 'typeorm/*', 'pg', 'pg/*', '@electric-sql/*', '@kurrent/*'];
const DOMAIN_BANNED = [
  ...RUNTIME,
  '@ledger/database',
  '@ledger/event-store',
  '@ledger/event-sourcing',
  '@ledger/platform',
  '@ledger/access',
  '@ledger/audit',
  '@ledger/cofinancing',
  '@ledger/guarantees',
  '@ledger/contexts',
  '@ledger/four-eyes',
  '@ledger/testing',
  // A context's own Nest layer.
  '**/application',
  '**/application/**',
];
/** The kernel may import @ledger/money, node built-ins and its own files; nothing else. */
const KERNEL_ALLOWED = new RegExp(
  `^(?!(?:@ledger/money|node:.+|${builtinModules.map((name) => name.replace(/[/.]/g, '\\$&')).join('|')}|\\.{1,2}/.*)$)`,
);

/**
 * Relative imports stay inside their own top-level unit: a lib reaches another lib only through its
 * `@ledger/*` door and never reaches an app; apps, bench and test reach libs only through the doors.
 */
const importBoundaries = {
  meta: { type: 'problem', schema: [], messages: { boundary: '{{reason}}' } },
  create(context) {
    const root = context.cwd;
    const file = path.relative(root, context.filename).split(path.sep);
    const lib = file[0] === 'libs' ? file[1] : null;
    const check = (node) => {
      const source = node.source?.value;
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const target = path.relative(root, path.resolve(path.dirname(context.filename), source)).split(path.sep);
      let reason = null;
      if (lib && target[0] === 'apps') reason = `a lib never imports an app (${source})`;
      else if (target[0] === 'libs' && target[1] !== lib)
        reason = `import @ledger/${target[1]} (its index.ts), not its internals (${source})`;
      if (reason) context.report({ node: node.source, messageId: 'boundary', data: { reason } });
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'scratch/**', 'coverage/**', 'bench/results/**'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: { parserOptions: { projectService: false } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  {
    // Each lib is entered by its door; no lib imports an app.
    files: ['{apps,libs,bench,test}/**/*.{ts,tsx,mts}'],
    plugins: { ledger: { rules: { 'import-boundaries': importBoundaries } } },
    rules: { 'ledger/import-boundaries': 'error' },
  },
  {
    // Whole-service integration suites of co-financing that boot the API (apps/api's createApp).
    // They belong in test/cofinancing/ (as test/audit/ did); left here while the command pipeline
    // work edits them.
    files: [
      'libs/cofinancing/src/application/approval-concurrency.int.spec.ts',
      'libs/cofinancing/src/application/projections-rebuild.int.spec.ts',
      'libs/cofinancing/src/application/as-of/balances-as-of.int.spec.ts',
      'libs/cofinancing/src/application/four-eyes/four-eyes.int.spec.ts',
    ],
    rules: { 'ledger/import-boundaries': 'off' },
  },
  {
    // The kernel a domain is written in: @ledger/money and node built-ins, nothing else.
    files: ['libs/kernel/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: KERNEL_ALLOWED.source, message: 'the kernel imports only @ledger/money and node built-ins' },
          ],
        },
      ],
    },
  },
  {
    // Domain code is pure: no framework, no database, no clock.
    files: ['libs/*/src/domain/**/*.ts', 'libs/kernel/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'time comes in with the command' },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'time comes in with the command' },
      ],
    },
  },
  {
    // A domain loads in milliseconds: its kernel and money, never the runtime (see scripts/measure-domain-load.js).
    files: ['libs/*/src/domain/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: DOMAIN_BANNED, message: 'domain code imports @ledger/kernel and @ledger/money, not the runtime' },
          ],
        },
      ],
    },
  },
  {
    files: ['scripts/**/*.js', 'jest.config.js', 'jest.browser.config.js', 'jest.setup.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
        __filename: 'readonly',
        process: 'readonly',
        console: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['bench/**/*.ts', 'scripts/**/*.js', 'apps/cli/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    // The web console runs in the browser (React, built by Vite).
    files: ['apps/console/**/*.{ts,tsx,mts}'],
    languageOptions: {
      globals: {
        window: 'readonly',
        document: 'readonly',
        sessionStorage: 'readonly',
        localStorage: 'readonly',
        fetch: 'readonly',
        URL: 'readonly',
        URLSearchParams: 'readonly',
        crypto: 'readonly',
        setTimeout: 'readonly',
        HTMLElement: 'readonly',
        HTMLCanvasElement: 'readonly',
        HTMLHeadingElement: 'readonly',
      },
    },
  },
);
