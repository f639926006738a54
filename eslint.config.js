// Lint: typescript-eslint's recommended rules, plus the boundaries between the extension's parts
// (modelled on Dark Reader's `import/no-restricted-paths` zones): the matcher and dataset model are
// pure; the content script, card, background and extension pages never import one another.
import js from '@eslint/js';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const zone = (target, from, message) => ({ target, from, message });
const NODE_ONLY = ['./src/dataset/load.ts', './src/dataset/vite-plugin.ts'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'demo-output/**', 'reports/**', 'bench-output/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { 'import-x': importX },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='sendMessage']",
          message: 'Send messages through src/shared/messages.ts only.',
        },
      ],
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            zone(
              './src/matcher',
              [
                './src/page',
                './src/card',
                './src/popup',
                './src/glossary',
                './src/options',
                './src/background',
                './src/shared',
              ],
              'The matcher is pure: text in, matches out.',
            ),
            zone(
              './src/dataset',
              [
                './src/page',
                './src/card',
                './src/popup',
                './src/glossary',
                './src/options',
                './src/background',
                './src/shared',
                './src/matcher',
              ],
              'The dataset knows nothing of the code that uses it.',
            ),
            zone(
              './src/page',
              [
                './src/card',
                './src/popup',
                './src/glossary',
                './src/options',
                './src/background',
                ...NODE_ONLY,
              ],
              'The page layer loads on every page: no card UI, pages or Node code.',
            ),
            zone(
              './src/card',
              [
                './src/page',
                './src/popup',
                './src/glossary',
                './src/options',
                './src/background',
                ...NODE_ONLY,
              ],
              'The card talks to the page layer only through shared/card-bridge.ts.',
            ),
            zone(
              './src/background',
              ['./src/popup', './src/glossary', './src/options', ...NODE_ONLY],
              'The background never imports page or UI code.',
            ),
            {
              // It names the marker's and the wrap renderer's chunks (file paths, from `?script`) to inject them.
              ...zone('./src/background', './src/page', 'The background never imports page code.'),
              except: ['./marker.iife.ts?script', './wrap.iife.ts?script'],
            },
            zone(
              ['./src/popup', './src/glossary', './src/options'],
              ['./src/page', './src/background', ...NODE_ONLY],
              'Extension pages talk to tabs and the background through messages.',
            ),
            zone(
              './src/shared',
              [
                './src/page',
                './src/card',
                './src/popup',
                './src/glossary',
                './src/options',
                './src/background',
                ...NODE_ONLY,
              ],
              'Shared modules depend on nothing above them.',
            ),
          ],
        },
      ],
    },
  },
  {
    files: ['src/shared/messages.ts', 'tests/**'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    // The page layer and the matcher read top-down: no module imports one that imports it back.
    files: ['src/page/**/*.ts', 'src/matcher/**/*.ts'],
    settings: {
      'import-x/extensions': ['.ts'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts'] })],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
);
