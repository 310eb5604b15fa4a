// Knowledge lives in schemas/*.jsonc (JSON with comments, read with jsonc-parser), not in code.
// The folder is found from this module's location, so the same code works from server/src (tests),
// dist/ (the bundles) and an installed extension.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';

let schemasDir: string | undefined;

export function findSchemasDir(): string {
  if (schemasDir) return schemasDir;
  let dir = __dirname;
  for (let i = 0; i < 8; i++) {
    const candidate = join(dir, 'schemas');
    if (existsSync(join(candidate, 'README.md'))) return (schemasDir = candidate);
    dir = dirname(dir);
  }
  throw new Error(`schemas/ folder not found above ${__dirname}`);
}

const loaded = new Map<string, unknown>();

/** Reads `schemas/<name>.jsonc` once. A broken schema is a bug of ours: fail loudly. */
export function loadSchema<T>(name: string): T {
  if (loaded.has(name)) return loaded.get(name) as T;
  const file = join(findSchemasDir(), `${name}.jsonc`);
  const errors: ParseError[] = [];
  const value = parse(readFileSync(file, 'utf8'), errors, { allowTrailingComma: true }) as T;
  if (errors.length) {
    throw new Error(`${file}: ${errors.map((e) => `${printParseErrorCode(e.error)} at ${e.offset}`).join(', ')}`);
  }
  loaded.set(name, value);
  return value;
}

/** How a knowledge entry is supported (schemas/README.md): Apple's word, an Apple artefact observed, or neither. */
export type Confidence = 'primary' | 'observed' | 'secondary';
