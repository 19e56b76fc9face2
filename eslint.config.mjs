// ESLint 9 flat config. Lints src/ (the add-in, engine, sheets, hosts, CLI) with typescript-eslint's
// recommended rules and the Office add-in rules of eslint-plugin-office-addins, as errors:
// no context.sync() in loops, load before read, sync after load / before read, isNullObject for nulls.
// (The plugin's own "recommended" preset is not used: it also enforces prettier formatting.)
import tseslint from 'typescript-eslint';
import officeAddins from 'eslint-plugin-office-addins';
import reactHooks from 'eslint-plugin-react-hooks';

const FILE_LIBRARIES = ['exceljs', 'exceljs/*', 'jszip', '@e965/xlsx', 'docx', '@microsoft/office-js'];
const UI = ['react', 'react-dom', 'react-dom/*', '@fluentui/*'];

/** For each layer, the folders and packages it must not import (statically or with import()). */
function layerRules() {
  const layers = [
    { files: 'src/engine/**', folders: ['sheets', 'hosts', 'taskpane', 'cli', 'worker', 'pipeline'], packages: [...FILE_LIBRARIES, ...UI] },
    { files: 'src/sheets/**', folders: ['hosts', 'taskpane', 'cli', 'worker', 'pipeline'], packages: [...FILE_LIBRARIES, ...UI] },
    { files: 'src/hosts/**', folders: ['taskpane', 'cli', 'worker'], packages: UI },
    { files: 'src/cli/**', folders: ['taskpane', 'worker'], packages: [...FILE_LIBRARIES, ...UI] },
    { files: 'src/taskpane/**', folders: ['cli'], packages: FILE_LIBRARIES },
    { files: 'src/worker/**', folders: ['taskpane', 'cli', 'hosts'], packages: [...FILE_LIBRARIES, ...UI] },
  ];
  return layers.map(({ files, folders, packages }) => {
    const message = `层次规则：${files.replace('/**', '')} 不能依赖 ${[...folders.map((f) => `src/${f}`), ...packages].join('、')}（见 README 的 Architecture）。`;
    const groups = [...folders.flatMap((f) => [`**/${f}`, `**/${f}/**`]), ...packages];
    const dynamic = `ImportExpression[source.value=/(^|\\/)(${folders.join('|')})(\\/|$)|^(${packages.map((p) => p.replace(/[/*@.-]/g, (c) => (c === '*' ? '.*' : `\\${c}`))).join('|')})$/]`;
    return {
      files: [`${files}/*.{ts,tsx}`.replace('/**/*', '/**/*')],
      rules: {
        '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ group: groups, message }] }],
        'no-restricted-syntax': ['error', { selector: dynamic, message }],
      },
    };
  });
}

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
  // The layers (README "Architecture"): arrows point inward only — engine ← sheets ← hosts ← cli / taskpane.
  // Only src/hosts/ calls ExcelJS, JSZip, SheetJS, docx or Office.js. A back-edge fails `npm test` (lint),
  // and test/layers.test.ts proves the rule bites on a deliberately added one.
  ...layerRules(),
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
