// Lint = ESLint's and typescript-eslint's recommended sets (syntax only, no type information, so
// `npm run lint` stays fast on 2 cores; `tsc` does the type checking) + React hooks + the layer rules
// from ARCHITECTURE.md ("who may import whom").
import { builtinModules } from 'node:module'
import js from '@eslint/js'
import { defineConfig } from 'eslint/config'
import reactHooks from 'eslint-plugin-react-hooks'
import tseslint from 'typescript-eslint'

/**
 * One `no-restricted-imports` pattern that catches a layer by its `#alias/` form and by its relative form
 * (`../../db/client`). Regexes rather than `group` globs: globs are gitignore-style, where a leading `#`
 * starts a comment, and a relative path would otherwise slip past the rule.
 */
function layer(aliasPrefix, relativePrefix, dirs, message) {
  const alt = dirs.join('|')
  return { regex: `^(${aliasPrefix}|(\\.\\./)+${relativePrefix})(${alt})(/|$)`, message }
}

const adapters = 'Routes and jobs are adapters: call one service in app/services instead (ARCHITECTURE.md).'
const pure = 'app/domain is pure: plain data in, plain data out; the service does the IO (ARCHITECTURE.md).'
const upward = 'db/, integrations/ and emails/ are called by services; they must not call back up into app/.'

export default defineConfig(
  {
    ignores: [
      'build/',
      'public/build/',
      '.data/',
      '.cache/',
      'node_modules/',
      'db/schema.ts',
      'tests/e2e/screenshots/',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      // Only the .js config files reach `no-undef` (typescript-eslint turns it off for TS, where tsc knows
      // the globals better); they run under Node.
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly' },
    },
    rules: {
      // CLI scripts (migrate, seed, generate-types, bench) report on the console by design.
      'no-console': 'off',
      // Input hardening (safe redirects, header values) matches control characters on purpose; a regex that
      // names \u0000-\u001f is never an accident in this codebase.
      'no-control-regex': 'off',
      // `_`-prefixed names mark arguments a signature needs but the body does not use.
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
    },
  },
  {
    // Migrations (and the scripts and test setup that run them) use `Kysely<any>` on purpose: a frozen
    // migration must not depend on today's schema types.
    files: ['db/migrations/**', 'db/migrate.ts', 'db/generate-types.ts', 'tests/setup/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['app/routes/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [layer('#', '', ['db', 'integrations', 'emails'], adapters)] },
      ],
    },
  },
  {
    files: ['app/jobs/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [layer('#', '', ['db', 'integrations'], adapters)] }],
    },
  },
  {
    files: ['app/domain/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          // Bare built-in names (`fs`, `crypto`) as well as `node:*`: both forms bring IO into the domain.
          paths: builtinModules.map((name) => ({ name, message: pure })),
          patterns: [
            layer('#', '', ['db', 'integrations', 'emails'], pure),
            layer('#app/', '', ['services', 'routes', 'jobs'], pure),
            { regex: '^(node:|kysely(/|$)|pg(/|$))', message: pure },
          ],
        },
      ],
    },
  },
  {
    files: ['db/**', 'integrations/**', 'emails/**'],
    ignores: ['db/seed/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [layer('#app/', 'app/', ['routes', 'services'], upward)] },
      ],
    },
  },
  {
    // The demo seed is an entry point like a job, not a lower layer: it drives the real services (password
    // hashing, applying carrier scans) so demo data is exactly what production logic would have written.
    files: ['db/seed/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [layer('#app/', 'app/', ['routes'], upward)] }],
    },
  },
)
