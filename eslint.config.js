import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'cdk.out/', '.local/', 'coverage/', 'web/dist/', 'web/src/api/openapi.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      // `import { z }` defeats tree-shaking and puts every zod locale in each bundle (~450 KB, not ~85 KB).
      'no-restricted-syntax': [
        'error',
        {
          selector: "ImportDeclaration[source.value='zod'][importKind!='type'] > ImportSpecifier[imported.name='z'][importKind!='type']",
          message: "Use `import * as z from 'zod'`: the named import defeats tree-shaking.",
        },
      ],
    },
  },
  {
    // Long functions hide steps that deserve a name; tests and declaration tables are exempt.
    files: ['functions/**/*.ts', 'lib/**/*.ts', 'bench/**/*.ts'],
    ignores: [
      '**/*.d.ts',
      'functions/http/*/routes.ts',
      'functions/routes.ts',
    ],
    rules: { 'max-lines-per-function': ['error', { max: 60, skipBlankLines: true, skipComments: true }] },
  },
);
