// ESLint checks correctness only, with type information (typescript-eslint's type-aware rules): promises nobody
// awaits or that are passed where a callback's result is ignored, unused code, expressions without effect, `let`
// never reassigned. Layout is Biome's job (biome.json, `npm run format`); no style rule belongs here.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  // Generated protobuf code (npm run proto) and dependencies are not ours to lint.
  { ignores: ['proto/gen/**', 'node_modules/**', '.aichain-test-*/**'] },
  {
    files: ['**/*.ts', '**/*.mts', '**/*.js', '**/*.mjs'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js', 'bin/*.js', 'native/*.mjs', 'scripts/*.mjs'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: { '@typescript-eslint': tseslint.plugin },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          args: 'after-used',
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrors: 'none',
          ignoreRestSiblings: true,
        },
      ],
      '@typescript-eslint/no-unused-expressions': 'error',
      'no-unused-private-class-members': 'error',
      'prefer-const': ['error', { destructuring: 'all' }],
    },
  },
);
