// The web's boundary (npm run lint:web): web/ imports from the server tree only the shared contract, src/contract/**
// (as @contract/... through web/tsconfig.json's alias, or a relative path).
const base = require('./.dependency-cruiser.cjs');

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'web-only-contract',
      severity: 'error',
      comment: 'The web sees the server only through src/contract/** (@contract/...).',
      from: { path: '^web/' },
      to: { path: '^src/', pathNot: '^src/contract/' },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that does not resolve (e.g. a mistyped @server path) would slip past the rule above.',
      from: { path: '^web/' },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    ...base.options,
    // the server tree is checked by the main config; here only the web's own imports count
    doNotFollow: { path: ['node_modules', '^src/'] },
    tsConfig: { fileName: require('node:path').resolve('web/tsconfig.json') },
  },
};
