import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'coverage/**', '.cache/**', '.bench/**', 'tests/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        Buffer: 'readonly',
        fetch: 'readonly',
        AbortController: 'readonly',
        AbortSignal: 'readonly',
        Response: 'readonly',
        Request: 'readonly',
        Headers: 'readonly',
        TextDecoder: 'readonly',
        TextEncoder: 'readonly',
        performance: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        structuredClone: 'readonly',
        queueMicrotask: 'readonly',
        setImmediate: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
      // Prettier wraps code at 120 columns but leaves strings and comments alone; comments wrap by hand.
      'max-len': [
        'error',
        { code: 120, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true, ignoreUrls: true },
      ],
    },
  },
  {
    // Jest loads reporters with require(): these few support files are CommonJS on purpose.
    files: ['**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', module: 'writable', process: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The layers (issue 20): an action's logic receives its side effects as arguments. Only main.ts and run.ts
    // talk to the runner: the runner half of kit, the file system, process.env.
    files: ['actions/*/src/**/*.ts'],
    ignores: ['actions/*/src/main.ts', 'actions/*/src/run.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: '@shipshape/kit/action', message: 'Only main.ts and run.ts use the runner half of kit.' },
            { name: 'node:fs', message: 'Only run.ts touches the file system; pass a reader (kit WorkspaceReader).' },
            { name: 'node:fs/promises', message: 'Only run.ts touches the file system; pass a reader.' },
            { name: 'fs', message: 'Only run.ts touches the file system; pass a reader.' },
            { name: 'fs/promises', message: 'Only run.ts touches the file system; pass a reader.' },
            { name: 'node:process', message: 'Only run.ts reads the process; pass what is needed in.' },
            { name: 'process', message: 'Only run.ts reads the process; pass what is needed in.' },
          ],
          patterns: [{ group: ['@actions/*'], message: 'The runner protocol lives in @shipshape/kit/action.' }],
        },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Only run.ts reads process.env; pass what is needed in.' },
      ],
      // The same rules for what the import rules cannot see: import() of a runner-side module, globalThis.process.
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'ImportExpression[source.value=/^(node:)?(fs|fs\\u002Fpromises|process)$|^@shipshape\\u002Fkit\\u002Faction$|^@actions\\u002F/]',
          message: 'Only main.ts and run.ts reach the runner side (file system, process, kit/action, @actions/*).',
        },
        {
          selector: "MemberExpression[object.name='globalThis'][property.name='process']",
          message: 'Only run.ts reads the process; pass what is needed in.',
        },
      ],
    },
  },
  {
    // Shared packages sit below the actions: they never import one (the CLI, which drives the actions, aside).
    files: ['packages/*/src/**/*.ts'],
    ignores: ['packages/cli/src/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@shipshape/action-*'], message: 'Packages never import an action.' }] },
      ],
    },
  },
);
