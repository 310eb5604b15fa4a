// Loads an XcodeGen spec as XcodeGen resolves it before reading any property: the root file and
// the files it `include:`s (recursively, in order, each merged under the file that includes it),
// paths of included files made relative to the project folder, `${VAR}` variables, multi-platform
// targets and target templates. Values keep the position of the text that wrote them, in
// whichever file that was. Files are read through a callback, so this stays pure.
import { joinSpecPath, lastComponent, parentOf } from './paths';
import { parseYamlFile, type SpecProblem, type YamlEntry, type YamlMap, type YamlScalar, type YamlSpan, type YamlValue } from './yaml';

export interface SpecReadOptions {
  /** The text of a file, or undefined when there is none (or it cannot be read). */
  readFile: (path: string) => string | undefined;
  /**
   * Values for `${NAME}` in the spec: XcodeGen expands the environment of the shell that runs it.
   * Names not given stay as written.
   */
  variables?: Record<string, string>;
}

export interface ResolvedSpec {
  /** The root spec's path, as given. */
  specPath: string;
  /** The folder of the root spec: XcodeGen's base path and the generated project's `$(SRCROOT)`. */
  basePath: string;
  /** The merged, resolved spec; undefined when the root file is missing or not a map. */
  root?: YamlMap;
  /** Every spec file that was read (root first), for watching. */
  files: string[];
  problems: SpecProblem[];
}

// ---- Values ------------------------------------------------------------------------------------

export function entryOf(map: YamlMap | undefined, key: string): YamlEntry | undefined {
  return map?.entries.get(key);
}

export function valueOf(map: YamlMap | undefined, key: string): YamlValue | undefined {
  return map?.entries.get(key)?.value;
}

function withEntries(map: YamlMap, entries: Map<string, YamlEntry>): YamlMap {
  return { kind: 'map', entries, span: map.span };
}

function setValue(map: YamlMap, key: string, value: YamlValue, keySpan?: YamlSpan): YamlMap {
  const entries = new Map(map.entries);
  const old = entries.get(key);
  entries.set(key, { key, keySpan: keySpan ?? old?.keySpan ?? value.span, value });
  return withEntries(map, entries);
}

function stringScalar(value: string, span: YamlSpan): YamlScalar {
  return { kind: 'scalar', type: 'string', value, text: value, span };
}

const REPLACE_SUFFIX = ':REPLACE';

/**
 * `over` merged onto `base` as XcodeGen merges specs and templates: maps merge key by key, lists
 * concatenate, anything else is replaced; a key ending in `:REPLACE` replaces without merging.
 */
export function mergeOnto(over: YamlMap, base: YamlMap): YamlMap {
  const entries = new Map(base.entries);
  for (const [key, entry] of over.entries) {
    if (key.endsWith(REPLACE_SUFFIX)) {
      const plain = key.slice(0, -REPLACE_SUFFIX.length);
      entries.set(plain, { ...entry, key: plain });
      continue;
    }
    const old = entries.get(key)?.value;
    const value = entry.value;
    if (value.kind === 'map' && old?.kind === 'map') entries.set(key, { ...entry, value: mergeOnto(value, old) });
    else if (value.kind === 'seq' && old?.kind === 'seq') entries.set(key, { ...entry, value: { kind: 'seq', items: [...old.items, ...value.items], span: value.span } });
    else entries.set(key, entry);
  }
  return withEntries(over, entries);
}

/** XcodeGen's `${name}` expansion: names it has a value for are replaced, others stay. */
export function expandText(text: string, variables: ReadonlyMap<string, string>): string {
  if (!text.includes('${')) return text;
  return text.replace(/\$\{([^}]+)\}/g, (whole, name: string) => variables.get(name) ?? whole);
}

/** Expands variables in every string value and every key below `value` (numbers and booleans stay). */
export function expandVariables(value: YamlValue, variables: ReadonlyMap<string, string>): YamlValue {
  if (variables.size === 0) return value;
  if (value.kind === 'scalar') {
    if (value.type !== 'string') return value;
    const text = expandText(value.text, variables);
    return text === value.text ? value : stringScalar(text, value.span);
  }
  if (value.kind === 'seq') return { kind: 'seq', items: value.items.map((v) => expandVariables(v, variables)), span: value.span };
  const entries = new Map<string, YamlEntry>();
  for (const [key, entry] of value.entries) {
    const newKey = expandText(key, variables);
    entries.set(newKey, { key: newKey, keySpan: entry.keySpan, value: expandVariables(entry.value, variables) });
  }
  return withEntries(value, entries);
}

/** NSString.boolValue, which XcodeGen uses for string booleans (`enable: ${FLAG}`). */
function stringBoolValue(text: string): boolean {
  return /^\s*[+-]?0*(?:[YyTt]|[1-9])/.test(text);
}

// ---- Includes ----------------------------------------------------------------------------------

interface Include {
  path: string;
  relativePaths: boolean;
  enable: boolean;
  span: YamlSpan;
}

function readIncludes(value: YamlValue | undefined, problems: SpecProblem[]): Include[] {
  if (!value) return [];
  const items = value.kind === 'seq' ? value.items : [value];
  const includes: Include[] = [];
  const bool = (v: YamlValue | undefined, fallback: boolean): boolean => {
    if (v?.kind !== 'scalar') return fallback;
    return v.type === 'bool' ? (v.value as boolean) : stringBoolValue(v.text);
  };
  for (const item of items) {
    if (item.kind === 'scalar' && item.type === 'string') {
      includes.push({ path: item.text, relativePaths: true, enable: true, span: item.span });
      continue;
    }
    const path = item.kind === 'map' ? valueOf(item, 'path') : undefined;
    if (item.kind === 'map' && path?.kind === 'scalar' && path.type === 'string') {
      includes.push({ path: path.text, relativePaths: bool(valueOf(item, 'relativePaths'), true), enable: bool(valueOf(item, 'enable'), true), span: path.span });
      continue;
    }
    problems.push({ severity: 'error', message: 'An include is a path or { path, relativePaths, enable }: XcodeGen skips this one.', span: item.span });
  }
  return includes;
}

interface SpecFile {
  /** Absolute (or as given) path of the file. */
  path: string;
  /**
   * The folder its paths are written from, relative to its includer's: its include path's folder
   * when `relativePaths` (the default), '' otherwise. The first include of a file decides.
   */
  relativePath: string;
  root?: YamlMap;
  subSpecs: SpecFile[];
}

/** Path properties of a target (and target template) that XcodeGen resolves for included files. */
function resolveTargetPaths(target: YamlMap, relativeTo: string): YamlMap {
  let out = target;
  const sources = valueOf(target, 'sources');
  if (sources) out = setValue(out, 'sources', resolveSourcePaths(sources, relativeTo));
  const configFiles = valueOf(target, 'configFiles');
  if (configFiles?.kind === 'map') out = setValue(out, 'configFiles', resolveMapOfPaths(configFiles, relativeTo));
  for (const key of ['info', 'entitlements']) {
    const plist = valueOf(target, key);
    const path = plist?.kind === 'map' ? valueOf(plist, 'path') : undefined;
    if (plist?.kind === 'map' && path?.kind === 'scalar' && path.type === 'string') out = setValue(out, key, setValue(plist, 'path', resolvedPath(path, relativeTo)));
  }
  return out;
}

function resolvedPath(value: YamlScalar, relativeTo: string): YamlScalar {
  return stringScalar(joinSpecPath(relativeTo, value.text), value.span);
}

function resolveSourcePaths(sources: YamlValue, relativeTo: string): YamlValue {
  if (sources.kind === 'scalar') return sources.type === 'string' ? resolvedPath(sources, relativeTo) : sources;
  if (sources.kind !== 'seq') return sources;
  const items = sources.items.map((item) => {
    if (item.kind === 'scalar' && item.type === 'string') return resolvedPath(item, relativeTo);
    const path = item.kind === 'map' ? valueOf(item, 'path') : undefined;
    if (item.kind === 'map' && path?.kind === 'scalar' && path.type === 'string') return setValue(item, 'path', resolvedPath(path, relativeTo));
    return item;
  });
  return { kind: 'seq', items, span: sources.span };
}

function resolveMapOfPaths(map: YamlMap, relativeTo: string): YamlMap {
  const entries = new Map<string, YamlEntry>();
  for (const [key, entry] of map.entries) {
    const v = entry.value;
    entries.set(key, v.kind === 'scalar' && v.type === 'string' ? { ...entry, value: resolvedPath(v, relativeTo) } : entry);
  }
  return withEntries(map, entries);
}

function resolveSpecPaths(root: YamlMap, relativeTo: string): YamlMap {
  if (relativeTo === '') return root;
  let out = root;
  const configFiles = valueOf(root, 'configFiles');
  if (configFiles?.kind === 'map') out = setValue(out, 'configFiles', resolveMapOfPaths(configFiles, relativeTo));
  for (const key of ['targets', 'targetTemplates']) {
    const targets = valueOf(root, key);
    if (targets?.kind !== 'map') continue;
    const entries = new Map<string, YamlEntry>();
    for (const [name, entry] of targets.entries) {
      entries.set(name, entry.value.kind === 'map' ? { ...entry, value: resolveTargetPaths(entry.value, relativeTo) } : entry);
    }
    out = setValue(out, key, withEntries(targets, entries));
  }
  return out;
}

/** Reads and resolves the spec at `specPath` (absolute) and everything it includes. */
export function readSpec(specPath: string, options: SpecReadOptions): ResolvedSpec {
  const problems: SpecProblem[] = [];
  const files: string[] = [];
  const variables = new Map(Object.entries(options.variables ?? {}));
  const basePath = parentOf(specPath);
  const loaded = new Map<string, SpecFile>();
  const rootSpan = (file: string): YamlSpan => ({ file, start: 0, end: 0, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } });

  // `filePath` is relative to `base`; `relativePath` is the folder the file's own paths are
  // written from, relative to its includer (XcodeGen's basePath/relativePath pair).
  const load = (base: string, filePath: string, relativeTo: string, stack: string[], includedAt?: YamlSpan): SpecFile | undefined => {
    const path = joinSpecPath(base, filePath);
    if (stack.includes(path)) {
      problems.push({ severity: 'error', message: `Include cycle: ${[...stack.slice(stack.indexOf(path)), path].join(' → ')}.`, span: includedAt ?? rootSpan(path) });
      return undefined;
    }
    const cached = loaded.get(path);
    if (cached) return cached;
    const text = options.readFile(path);
    if (text === undefined) {
      problems.push({ severity: 'error', message: includedAt ? `Included spec not found: ${path}.` : `Spec not found: ${path}.`, span: includedAt ?? rootSpan(path) });
      return undefined;
    }
    files.push(path);
    const parsed = parseYamlFile(text, path);
    problems.push(...parsed.problems);
    let root: YamlMap | undefined;
    if (parsed.root?.kind === 'map') root = parsed.root;
    else if (parsed.root && !(parsed.root.kind === 'scalar' && parsed.root.text === '')) {
      problems.push({ severity: 'error', message: 'A spec is a map of properties (name, targets, …).', span: parsed.root.span });
    }
    if (root) root = expandVariables(root, variables) as YamlMap;
    const spec: SpecFile = { path, relativePath: relativeTo, root, subSpecs: [] };
    const ownFolder = joinSpecPath(base, relativeTo);
    for (const include of readIncludes(valueOf(root, 'include'), problems)) {
      if (!include.enable) continue;
      const childBase = include.relativePaths ? ownFolder : base;
      const childRelative = include.relativePaths ? parentOf(include.path) : '';
      const child = load(childBase, include.path, childRelative, [...stack, path], include.span);
      if (child) spec.subSpecs.push(child);
    }
    loaded.set(path, spec);
    return spec;
  };

  // Path properties of each file are made relative to the project folder (the file's cumulative
  // folder from the root), then every file is merged onto the merge of what it includes, in
  // order; a file included twice counts once, where it is first met.
  const merged = new Set<string>();
  const mergeSpec = (spec: SpecFile, relativeTo: string): YamlMap | undefined => {
    if (merged.has(spec.path)) return undefined;
    merged.add(spec.path);
    let base: YamlMap | undefined;
    for (const sub of spec.subSpecs) {
      const m = mergeSpec(sub, joinSpecPath(relativeTo, sub.relativePath));
      if (m) base = base ? mergeOnto(m, base) : m;
    }
    const own = spec.root ? resolveSpecPaths(spec.root, relativeTo) : undefined;
    if (!own) return base;
    return mergeOnto(own, base ?? { kind: 'map', entries: new Map(), span: own.span });
  };

  const rootSpec = load(basePath, lastComponent(specPath), '', []);
  let root = rootSpec ? mergeSpec(rootSpec, '') : undefined;
  if (root) root = resolveProject(root, problems);
  return { specPath, basePath, root, files, problems };
}

// ---- Multi-platform targets and templates -------------------------------------------------------

function resolveProject(root: YamlMap, problems: SpecProblem[]): YamlMap {
  // XcodeGen resolves multi-platform targets before and after templates, so that a template can
  // make a target multi-platform and a multi-platform target can use `${platform}` templates.
  let out = resolveMultiplatformTargets(root);
  out = resolveTargetTemplates(out, problems);
  return resolveMultiplatformTargets(out);
}

function resolveMultiplatformTargets(root: YamlMap): YamlMap {
  const targets = valueOf(root, 'targets');
  if (targets?.kind !== 'map') return root;
  let changed = false;
  const entries = new Map<string, YamlEntry>();
  for (const [name, entry] of targets.entries) {
    const target = entry.value;
    const platforms = target.kind === 'map' ? valueOf(target, 'platform') : undefined;
    if (target.kind !== 'map' || platforms?.kind !== 'seq' || !platforms.items.every((p) => p.kind === 'scalar' && p.type === 'string')) {
      entries.set(name, entry);
      continue;
    }
    changed = true;
    for (const platformValue of platforms.items as YamlScalar[]) {
      const platform = platformValue.text;
      let t = expandVariables(target, new Map([['platform', platform]])) as YamlMap;
      t = setValue(t, 'platform', platformValue);
      const text = (key: string) => {
        const v = valueOf(t, key);
        return v?.kind === 'scalar' && v.type === 'string' ? v.text : undefined;
      };
      const newName = (text('platformPrefix') ?? '') + name + (text('platformSuffix') ?? `_${platform}`);
      const settings = valueOf(t, 'settings');
      const settingsMap: YamlMap = settings?.kind === 'map' ? settings : { kind: 'map', entries: new Map(), span: entry.keySpan };
      const productName = stringScalar(name, entry.keySpan);
      let newSettings: YamlMap;
      if (['configs', 'groups', 'base'].some((k) => settingsMap.entries.has(k))) {
        const base = valueOf(settingsMap, 'base');
        const baseMap: YamlMap = base?.kind === 'map' ? base : { kind: 'map', entries: new Map(), span: entry.keySpan };
        newSettings = setValue(settingsMap, 'base', baseMap.entries.has('PRODUCT_NAME') ? baseMap : setValue(baseMap, 'PRODUCT_NAME', productName, entry.keySpan));
      } else {
        newSettings = settingsMap.entries.has('PRODUCT_NAME') ? settingsMap : setValue(settingsMap, 'PRODUCT_NAME', productName, entry.keySpan);
      }
      t = setValue(t, 'settings', newSettings);
      t = setValue(t, 'productName', productName, entry.keySpan);
      const deployment = valueOf(target, 'deploymentTarget');
      if (deployment?.kind === 'map') {
        const forPlatform = valueOf(deployment, platform);
        const entries2 = new Map(t.entries);
        if (forPlatform) entries2.set('deploymentTarget', { key: 'deploymentTarget', keySpan: entryOf(target, 'deploymentTarget')!.keySpan, value: forPlatform });
        else entries2.delete('deploymentTarget');
        t = withEntries(t, entries2);
      }
      entries.set(newName, { key: newName, keySpan: entry.keySpan, value: t });
    }
  }
  return changed ? setValue(root, 'targets', withEntries(targets, entries)) : root;
}

function stringList(value: YamlValue | undefined): string[] | undefined {
  if (value?.kind !== 'seq') return undefined;
  const out: string[] = [];
  for (const v of value.items) {
    if (v.kind !== 'scalar' || v.type !== 'string') return undefined;
    out.push(v.text);
  }
  return out;
}

function resolveTargetTemplates(root: YamlMap, problems: SpecProblem[]): YamlMap {
  const targets = valueOf(root, 'targets');
  if (targets?.kind !== 'map') return root;
  const templatesValue = valueOf(root, 'targetTemplates');
  const templates = templatesValue?.kind === 'map' ? templatesValue : undefined;
  const templateOf = (name: string): YamlMap | undefined => {
    const t = valueOf(templates, name);
    return t?.kind === 'map' ? t : undefined;
  };

  // The templates a target uses, nested ones first, each once (XcodeGen's order).
  const collect = (dict: YamlMap, all: string[], at: { index: number }) => {
    const names = stringList(valueOf(dict, 'templates'));
    const listed = valueOf(dict, 'templates');
    if (listed && !names) problems.push({ severity: 'error', message: 'templates is a list of target template names.', span: listed.span });
    for (const [i, name] of (names ?? []).entries()) {
      if (all.includes(name)) continue;
      const template = templateOf(name);
      if (!template) {
        const span = (listed as { items: YamlValue[] }).items[i]!.span;
        problems.push({ severity: 'warning', message: `Unknown target template "${name}": XcodeGen ignores it.`, span });
        continue;
      }
      all.splice(at.index, 0, name);
      collect(template, all, at);
      at.index++;
    }
  };

  const entries = new Map<string, YamlEntry>();
  for (const [name, entry] of targets.entries) {
    if (entry.value.kind !== 'map') {
      entries.set(name, entry);
      continue;
    }
    const used: string[] = [];
    collect(entry.value, used, { index: 0 });
    if (!used.length) {
      entries.set(name, entry);
      continue;
    }
    let merged: YamlMap = { kind: 'map', entries: new Map(), span: entry.value.span };
    for (const t of used) merged = mergeOnto(templateOf(t)!, merged);
    let target = expandVariables(mergeOnto(entry.value, merged), new Map([['target_name', name]])) as YamlMap;
    const attributes = valueOf(target, 'templateAttributes');
    if (attributes?.kind === 'map') {
      const values = new Map<string, string>();
      let allStrings = true;
      for (const [k, e] of attributes.entries) {
        if (e.value.kind === 'scalar' && e.value.type === 'string') values.set(k, e.value.text);
        else allStrings = false;
      }
      if (allStrings) target = expandVariables(target, values) as YamlMap;
      else problems.push({ severity: 'error', message: 'templateAttributes maps names to strings: XcodeGen ignores them all.', span: attributes.span });
    }
    entries.set(name, { ...entry, value: target });
  }
  return setValue(root, 'targets', withEntries(targets, entries));
}
