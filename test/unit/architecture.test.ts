// The layer table of the README's Design section, enforced: every relative import under
// server/src, client/src and protocol/ goes down the table (or stays inside its own folder), never
// up or sideways. A failure names the file, the import and the two layers.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';

const root = resolve(__dirname, '..', '..');

/**
 * Layers, lowest first. A module may import its own layer's folder and any lower layer; folders
 * that share a layer are siblings and may not import each other unless listed in `siblingsMay`.
 */
export const LAYERS: readonly { name: string; folders: readonly string[] }[] = [
  { name: 'base', folders: ['server/src/types.ts', 'server/src/cancellation.ts', 'server/src/text', 'protocol'] },
  { name: 'parsers and knowledge', folders: ['server/src/plist', 'server/src/pbxproj', 'server/src/iig', 'server/src/cpp', 'server/src/config.ts', 'server/src/knowledge', 'server/src/xcodegen'] },
  { name: 'workspace', folders: ['server/src/workspace'] },
  { name: 'domain and profiles', folders: ['server/src/dext', 'server/src/profiles', 'server/src/matching'] },
  { name: 'explain', folders: ['server/src/explain'] },
  { name: 'rules and features', folders: ['server/src/rules', 'server/src/features'] },
  { name: 'service', folders: ['server/src/service.ts', 'server/src/service'] },
  { name: 'lsp and cli', folders: ['server/src/lsp', 'server/src/cli'] },
  { name: 'client', folders: ['client/src'] },
];

/** Sibling folders of one layer that may import each other (readers share tokenizers and the plist reader). */
const siblingsMay: readonly [string, string][] = [
  ['server/src/cpp', 'server/src/iig'],
  ['server/src/pbxproj', 'server/src/plist'],
  ['server/src/xcodegen', 'server/src/pbxproj'],
  ['server/src/knowledge', 'server/src/plist'],
  ['server/src/profiles', 'server/src/dext'],
  ['server/src/dext', 'server/src/profiles'],
  ['server/src/matching', 'server/src/dext'],
];

/** What the client may import of the repository: the shared protocol only. */
const clientMayImport = ['client/src', 'protocol'];

/** The LSP adapter and the CLI reach the core through the one door: the service (and base types). */
const doorLayers = ['lsp and cli'];
const throughTheDoor = ['server/src/service.ts', 'server/src/service', 'server/src/types.ts', 'server/src/cancellation.ts', 'server/src/text', 'protocol'];

function folderOf(path: string): string | undefined {
  const rel = relative(root, path).split('\\').join('/');
  let best: string | undefined;
  for (const layer of LAYERS) {
    for (const folder of layer.folders) {
      if ((rel === folder || rel.startsWith(folder + '/') || rel === folder + '.ts') && (!best || folder.length > best.length)) best = folder;
    }
  }
  return best;
}

function layerOf(folder: string): number {
  return LAYERS.findIndex((l) => l.folders.includes(folder));
}

function sourceFiles(dir: string, out: string[] = []): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of names) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) sourceFiles(path, out);
    else if (name.endsWith('.ts')) out.push(path);
  }
  return out;
}

/** The relative imports of a file (static, dynamic and re-exports), resolved to paths. */
export function importsOf(path: string, text = readFileSync(path, 'utf8')): { spec: string; target: string }[] {
  const out: { spec: string; target: string }[] = [];
  const pattern = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"](\.{1,2}\/[^'"]*)['"]/gm;
  for (const m of text.matchAll(pattern)) out.push({ spec: m[1]!, target: resolve(dirname(path), m[1]!) });
  return out;
}

/** Every import that goes against the table, as readable lines. */
export function violations(files: readonly string[], read: (path: string) => string = (p) => readFileSync(p, 'utf8')): string[] {
  const out: string[] = [];
  for (const file of files) {
    const from = folderOf(file);
    if (!from) {
      out.push(`${relative(root, file)}: not in any layer of the table`);
      continue;
    }
    for (const { spec, target } of importsOf(file, read(file))) {
      const to = folderOf(target) ?? folderOf(target + '.ts');
      const where = `${relative(root, file)} imports '${spec}'`;
      if (from === 'client/src') {
        if (!to || !clientMayImport.includes(to)) out.push(`${where}: the client imports only the shared protocol`);
        continue;
      }
      if (!to) {
        out.push(`${where}: outside every layer`);
        continue;
      }
      if (to === from) continue;
      const a = layerOf(from);
      const b = layerOf(to);
      if (b < a) {
        if (doorLayers.includes(LAYERS[a]!.name) && !throughTheDoor.includes(to)) out.push(`${where}: ${from} reaches the core only through the service`);
        continue;
      }
      if (b === a && siblingsMay.some(([x, y]) => x === from && y === to)) continue;
      out.push(`${where}: ${from} (${LAYERS[a]!.name}) may not import ${to} (${LAYERS[b]!.name})`);
    }
  }
  return out;
}

const allFiles = () => ['server/src', 'client/src', 'protocol'].flatMap((d) => sourceFiles(join(root, d)));

test('every import follows the layer table', () => {
  const files = allFiles();
  assert.ok(files.length > 100, `found only ${files.length} source files`);
  assert.deepEqual(violations(files), []);
});

test('the check catches each kind of back-edge', () => {
  const at = (p: string) => join(root, p);
  const cases: [string, string][] = [
    ['server/src/explain/targets.ts', "import { x } from '../rules/types';"],
    ['server/src/features/plist/index.ts', "import { x } from '../../rules/plist/duplicate-key';"],
    ['server/src/lsp/convert.ts', "import { ruleMarkdown } from '../rules/docs';"],
    ['server/src/cli/formats/sarif.ts', "import { allRules } from '../../rules';"],
    ['server/src/lsp/server.ts', "import { Workspace } from '../workspace/workspace';"],
    ['server/src/workspace/model.ts', "import { x } from '../dext/context';"],
    ['server/src/plist/edits.ts', "import type { WorkspaceFile } from '../workspace/files';"],
    ['client/src/commands.ts', "import { x } from '../../server/src/service';"],
  ];
  for (const [file, line] of cases) {
    const found = violations([at(file)], () => line);
    assert.equal(found.length, 1, `${file}: ${line} → ${JSON.stringify(found)}`);
  }
});
