// Bundles the client, the language server and the CLI separately with esbuild.
// The extension and the npm package ship these bundles, never node_modules.
//   node scripts/build.mjs [--minify]   (--minify, or DEXT_MINIFY=1: what the packages ship)
import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';
import { shippedOptions } from './esbuild-options.mjs';

// The product uses only the plist package's serializer (server/src/plist/fragment.ts); its index
// also pulls in the XML DOM parser (about 390 KB per bundle) that nothing shipped needs.
const common = {
  ...shippedOptions,
  minify: shippedOptions.minify || process.argv.includes('--minify'),
  alias: { plist: './node_modules/plist/dist/build.js' },
};

mkdirSync('dist', { recursive: true });
await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] }),
  build({ ...common, entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/server.js' }),
  build({ ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js' }),
]);
