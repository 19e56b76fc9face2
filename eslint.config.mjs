// ESLint 9 flat config. Lints src/ (the add-in, engine, sheets, hosts, CLI) with typescript-eslint's
// recommended rules and the Office add-in rules of eslint-plugin-office-addins, as errors:
// no context.sync() in loops, load before read, sync after load / before read, isNullObject for nulls.
// (The plugin's own "recommended" preset is not used: it also enforces prettier formatting.)
import tseslint from 'typescript-eslint';
import officeAddins from 'eslint-plugin-office-addins';
import reactHooks from 'eslint-plugin-react-hooks';

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'build/**', 'coverage/**', 'test-output/**'] },
  {
    files: ['src/**/*.{ts,tsx}'],
    extends: [tseslint.configs.recommended],
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  // React hooks: the rules of hooks and exhaustive deps (issue 16: App.tsx wrote a ref during render).
  {
    files: ['src/taskpane/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      'react-hooks/refs': 'error',
    },
  },
  // Office.js is only called here (the rules are syntactic: the request context must be named `context`).
  // Not for src/hosts/xlsx: ExcelJS's ws.getRow() looks like an Office proxy to these rules.
  {
    files: ['src/hosts/office/**/*.ts', 'src/taskpane/**/*.{ts,tsx}'],
    plugins: { 'office-addins': officeAddins },
    rules: {
      'office-addins/no-context-sync-in-loop': 'error',
      'office-addins/call-sync-after-load': 'error',
      'office-addins/call-sync-before-read': 'error',
      'office-addins/load-object-before-read': 'error',
      'office-addins/no-empty-load': 'error',
      'office-addins/no-navigational-load': 'error',
      'office-addins/no-office-initialize': 'error',
      'office-addins/test-for-null-using-isNullObject': 'error',
    },
  },
);
