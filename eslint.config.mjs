import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import borders from './eslint.borders.mjs';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'tmp/',
      'dist/',
      'cdk.out/',
      '**/cdk.out/',
      'coverage/',
      '.data/',
      'bench/out/',
      'test-artifacts/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        console: 'readonly',
        process: 'readonly',
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        URL: 'readonly',
      },
    },
    plugins: { nianbao: borders },
    rules: {
      'nianbao/borders': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    // The domain core runs in the task pane, in Lambda and in the CLI: no host or cloud code in it,
    // and no Node built-ins (the task pane bundle has none).
    files: ['report/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '@aws-sdk/*',
                '@aws-lambda-powertools/*',
                'aws-cdk-lib',
                'aws-cdk-lib/*',
                'constructs',
                'office-addin-*',
                '@microsoft/office-js',
                'react',
                'react-dom',
                '@fluentui/*',
              ],
              message: 'report/ is pure: no Office, React or AWS code.',
            },
            {
              group: ['node:*', 'fs', 'path', 'os', 'child_process', 'http', 'https', 'zlib', 'crypto'],
              message: 'report/ runs in the browser too: no Node built-ins.',
            },
            {
              group: ['../../functions/*', '../../addin/*', '../functions/*', '../addin/*', '../cli/*', '../../cli/*'],
              message: 'report/ must not depend on its consumers.',
            },
          ],
        },
      ],
    },
  },
);
