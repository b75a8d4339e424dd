// @ts-check
import eslint from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '.tsbuild/**',
      '.tools/**',
      '.data/**',
      'tools/mongo-test-server/lib/**',
      'eslint.config.js',
    ],
  },
  eslint.configs.recommended,
  tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // mongoose schema definitions are object literals by design
      '@typescript-eslint/no-unsafe-class-instance-assignment': 'off',
      // A package is used through its published entries only; its internals are not a public surface.
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@anju/*/*', '!@anju/matching-core/synthetic', '!@anju/matching-core/testing'],
              message: "Import a package through its entries only (see its package.json's exports).",
            },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      // chai's expect(...).to.be.true style reads as an unused expression
      '@typescript-eslint/no-unused-expressions': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  prettier,
);
