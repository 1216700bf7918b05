// Module boundaries, checked by `npm run lint` (docs/ARCHITECTURE.md, "Boundaries, checked by lint").
// The web's rule lives in .dependency-cruiser-web.cjs (it resolves web/tsconfig.json's @server alias).
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'module-through-index',
      severity: 'error',
      comment: 'A module imports another module only through its index.ts; within a module anything goes.',
      from: { path: '^src/modules/([^/]+)/' },
      to: { path: '^src/modules/[^/]+/', pathNot: ['^src/modules/$1/', '^src/modules/[^/]+/index\\.ts$'] },
    },
    {
      name: 'platform-below-modules',
      severity: 'error',
      comment: 'src/platform/ is the floor: it never imports src/modules/ or src/http/.',
      from: { path: '^src/platform/' },
      to: { path: '^src/(modules|http)/' },
    },
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'No import cycles under src/, type-only imports included, within a module too.',
      from: { path: '^src/' },
      to: { path: '^src/', circular: true },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that does not resolve would hide a boundary from these rules.',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^tests/fixtures/lint/', '^dist/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
    skipAnalysisNotInRules: true,
  },
};
