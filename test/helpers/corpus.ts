// The real public DEXT files of ../shared/corpus, read in place (never copied).
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** A sibling of the repository; `DEXT_CORPUS_DIR` names it from elsewhere (a git worktree). */
export const corpusDir = process.env.DEXT_CORPUS_DIR ? resolve(process.env.DEXT_CORPUS_DIR) : resolve(__dirname, '../../../shared/corpus');

/** One folder per corpus repository. */
export function listCorpusRepos(): string[] {
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
