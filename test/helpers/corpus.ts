// The real public DEXT files of ../shared/corpus, read in place (never copied).
import { readdirSync, statSync } from 'node:fs';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { sharedPath } from './shared';

export const corpusDir = sharedPath('corpus');

/** One folder per corpus repository (none when the shared folder is absent: see SHARED_SKIP). */
export function listCorpusRepos(): string[] {
  if (!existsSync(corpusDir)) return [];
  return readdirSync(corpusDir)
    .map((name) => join(corpusDir, name))
    .filter((p) => statSync(p).isDirectory())
    .sort();
}

/** Every plist-like corpus file (`.plist`, `.entitlements`, `.plist.in`), absolute paths. */
export function listCorpusFiles(): string[] {
  return listCorpusRepos().flatMap((repo) =>
    readdirSync(repo)
      .filter((f) => /\.(plist|entitlements|plist\.in)$/.test(f))
      .map((f) => join(repo, f)),
  );
}
