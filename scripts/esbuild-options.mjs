// The esbuild options of everything we ship, shared by the build and by the benchmarks (which
// measure parsers compiled exactly as the server is).
export const shippedOptions = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'linked',
  minify: process.env.DEXT_MINIFY === '1',
  logLevel: 'warning',
  legalComments: 'none',
  // jsonc-parser's UMD build hides its requires from bundlers: take the ES module build.
  mainFields: ['module', 'main'],
};
