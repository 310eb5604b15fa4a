// What `dextlint --version` and `--help` say about the installed package, read from its own
// package.json (found next to schemas/, like every other shipped file) so it cannot drift.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../service';

interface PackageJson {
  version: string;
  homepage?: string;
  repository?: { url?: string } | string;
}

let cached: PackageJson | undefined;

function packageJson(): PackageJson {
  return (cached ??= JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as PackageJson);
}

export function packageVersion(): string {
  return packageJson().version;
}

/** The rule pages online (the repository's docs/rules/), or undefined when no repository is named. */
export function ruleDocsWebUrl(): string | undefined {
  const repository = packageJson().repository;
  const url = typeof repository === 'string' ? repository : repository?.url;
  const web = url?.replace(/^git\+/, '').replace(/\.git$/, '');
  return web?.startsWith('https://') ? `${web}/tree/main/docs/rules` : undefined;
}

/** The rule pages shipped with the package. */
export function ruleDocsDir(): string {
  return join(packageRoot(), 'docs', 'rules');
}
