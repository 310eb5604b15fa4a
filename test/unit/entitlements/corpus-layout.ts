// The corpus stores each repository's files flat (`src/DriverKit/entitlements.plist` becomes
// `src__DriverKit__entitlements.plist`). MANIFEST.md gives each file's path in its repository, so
// a repository can be rebuilt as a virtual workspace with its real folders: the same grouping of
// dexts, apps and Info.plists that the language server sees in the real project.
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { corpusDir } from '../../helpers/corpus';
import { workspaceFromFiles } from '../../helpers/workspace';
import type { Workspace } from '../../../server/src/workspace/workspace';

interface ManifestRow {
  corpusFile: string;
  pathInRepo: string;
}

function manifestRows(): ManifestRow[] {
  const rows: ManifestRow[] = [];
  for (const line of readFileSync(join(corpusDir, 'MANIFEST.md'), 'utf8').split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    const file = /^`(.+)`$/.exec(cells[1] ?? '')?.[1];
    const path = /^`(.+)`$/.exec(cells[3] ?? '')?.[1];
    if (file && path && file.includes('/')) rows.push({ corpusFile: file, pathInRepo: path });
  }
  return rows;
}

/** Virtual root of a rebuilt repository. */
export function layoutRoot(repoFolder: string): string {
  return `/corpus/${basename(repoFolder)}`;
}

/** The repository `repoFolder` (a corpus folder) with its files at their real paths, under layoutRoot. */
export function workspaceWithRepoLayout(repoFolder: string): { workspace: Workspace; pathOf: Map<string, string> } {
  const name = basename(repoFolder);
  const files: Record<string, string> = {};
  const pathOf = new Map<string, string>();
  for (const row of manifestRows()) {
    if (!row.corpusFile.startsWith(name + '/')) continue;
    const virtual = `${layoutRoot(repoFolder)}/${row.pathInRepo}`;
    files[virtual] = readFileSync(join(corpusDir, row.corpusFile), 'utf8');
    pathOf.set(row.corpusFile.slice(name.length + 1), virtual);
  }
  return { workspace: workspaceFromFiles(files), pathOf };
}
