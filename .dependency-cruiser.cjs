/**
 * Layer rules from STYLE.md §3. Type-only imports count like any other (tsPreCompilationDeps):
 * the API reaches the database only through services, not even for a type.
 */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      severity: 'error',
      from: { path: '^src/domain' },
      to: {
        path: '^src/(store|services|api|channels|jobs|cli|config|main)|^node:|^(fs|path|http|crypto|os|child_process)$',
      },
    },
    {
      name: 'domain-no-node-builtins',
      severity: 'error',
      from: { path: '^src/domain' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'store-only-domain',
      severity: 'error',
      from: { path: '^src/store' },
      to: { path: '^src/(services|api|channels|jobs|cli)' },
    },
    {
      name: 'services-no-adapters',
      severity: 'error',
      from: { path: '^src/services' },
      to: { path: '^src/(api|channels|jobs|cli)' },
    },
    {
      // The HTTP front of a channel (Open311 under /open311) calls that channel's adapter.
      name: 'api-never-store',
      severity: 'error',
      from: { path: '^src/api' },
      to: { path: '^src/(store|jobs|cli)' },
    },
    {
      name: 'channels-never-store-or-api',
      severity: 'error',
      from: { path: '^src/channels' },
      to: { path: '^src/(store|api|cli)' },
    },
    {
      name: 'jobs-never-store-or-api',
      severity: 'error',
      from: { path: '^src/jobs' },
      to: { path: '^src/(store|api|cli)' },
    },
    {
      name: 'domain-module-surface',
      severity: 'error',
      comment: 'other modules import a domain module only through its index.ts',
      from: { path: '^src/domain/([^/]+)/', pathNot: '\\.test\\.ts$' },
      to: { path: '^src/domain/([^/]+)/(?!index\\.ts$)', pathNot: '^src/domain/$1/' },
    },
    {
      // The console (web/) is its own app: it reaches the service through HTTP and the generated
      // client only, never by importing server code.
      name: 'web-never-src',
      severity: 'error',
      from: { path: '^web/' },
      to: { path: '^src/' },
    },
    {
      // web layers: pages → components → api / lib / i18n.
      name: 'web-components-no-pages',
      severity: 'error',
      from: { path: '^web/src/components/' },
      to: { path: '^web/src/(pages|App\\.tsx)' },
    },
    {
      name: 'web-lib-and-api-no-ui',
      severity: 'error',
      from: { path: '^web/src/(lib|api|i18n)/' },
      to: { path: '^web/src/(pages|components|App\\.tsx)' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js'] },
  },
};
