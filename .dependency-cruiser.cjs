// The bridge's and the page's layering, checked by `npm run lint`.
// Dependencies point one way: the composition root (firmware-bridge/main/)
// wires capabilities; capabilities share only core/ and the typed messages of
// api/; the page talks to the bridge only through api/'s types; content/ (the
// pack format and its geography) depends on neither.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'page-imports-bridge',
      comment: 'The page never imports bridge code; only the shared message types in firmware-bridge/api/.',
      severity: 'error',
      from: { path: '^kiosk/' },
      to: { path: '^firmware-bridge/', pathNot: '^firmware-bridge/api/' },
    },
    {
      name: 'bridge-imports-page',
      severity: 'error',
      from: { path: '^firmware-bridge/' },
      to: { path: '^kiosk/' },
    },
    {
      name: 'content-imports-runtime',
      comment: 'The pack format and its checks serve both the page and the bridge.',
      severity: 'error',
      from: { path: '^content/' },
      to: { path: '^(kiosk|firmware-bridge)/' },
    },
    {
      name: 'api-stays-shared',
      comment: 'The message module is compiled into the page too: no bridge internals, no Node.',
      severity: 'error',
      from: { path: '^firmware-bridge/api/' },
      to: { path: '^firmware-bridge/(?!api/)|^(node:|fs$|path$|os$|child_process$)', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'core-is-shared-only',
      comment: 'core/ holds what capabilities share; it imports no capability.',
      severity: 'error',
      from: { path: '^firmware-bridge/core/' },
      to: { path: '^firmware-bridge/', pathNot: '^firmware-bridge/(core|api)/' },
    },
    {
      name: 'nobody-imports-the-root',
      comment: 'Only the command line starts the composition root.',
      severity: 'error',
      from: { path: '^firmware-bridge/', pathNot: '^firmware-bridge/(main|cli|bin)/' },
      to: { path: '^firmware-bridge/main/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: { path: '^(firmware-bridge|kiosk|content)/' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist|tests)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
