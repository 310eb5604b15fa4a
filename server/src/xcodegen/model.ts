// The typed XcodeGen project: the properties of a resolved spec that the checks need (targets,
// their type and platform, settings, config files, info/entitlements, dependencies, sources),
// each with the position of the text that wrote it. Wrong types are reported where XcodeGen
// would refuse or silently drop a value.
import { joinSpecPath, parentOf } from './paths';
import { entryOf, readSpec, valueOf, type SpecReadOptions } from './spec';
import type { SpecProblem, YamlMap, YamlSpan, YamlValue } from './yaml';

export interface Located<T> {
  value: T;
  span: YamlSpan;
}

/** A path property: as XcodeGen uses it (relative to the project folder) and absolute. */
export interface SpecPath {
  path: string;
  absolute: string;
  span: YamlSpan;
}

export interface BuildSettingSpec {
  name: string;
  /** As XcodeGen writes it into the project: booleans as YES/NO, numbers as Swift prints them. */
  value: string | string[];
  keySpan: YamlSpan;
  span: YamlSpan;
}

/** XcodeGen's Settings: groups, then base, then the configs whose name matches. */
export interface SettingsSpec {
  base: Map<string, BuildSettingSpec>;
  /** `configs`: a configuration name, or part of one (case-insensitive), → settings. */
  configs: { variant: string; keySpan: YamlSpan; settings: SettingsSpec }[];
  groups: Located<string>[];
}

/** `info:` or `entitlements:`: the file XcodeGen writes at `path` from `properties`. */
export interface PlistSpec {
  path: SpecPath;
  /** Plist-like values with positions: maps are dicts, lists arrays, scalars typed as Yams reads them. */
  properties?: YamlMap;
  /** Span of the `info:` / `entitlements:` key. */
  keySpan: YamlSpan;
}

export type DependencyKind = 'target' | 'framework' | 'carthage' | 'sdk' | 'package' | 'bundle';

export interface DependencySpec {
  kind: DependencyKind;
  /** The target name, framework path, package name, … */
  reference: string;
  span: YamlSpan;
  embed?: Located<boolean>;
  codeSign?: boolean;
  link?: boolean;
  /** `copy:` — a custom Copy Files phase for the embedded product. */
  copy?: { destination: string; subpath?: string; span: YamlSpan };
}

export interface XcodeGenTarget {
  /** The target's name: its key, or its `name` property. */
  name: string;
  keySpan: YamlSpan;
  span: YamlSpan;
  /** `type` as written (`driver-extension`, `com.apple.product-type.tool`, …). */
  type?: Located<string>;
  /** The Xcode product type (`com.apple.product-type.driver-extension`); '' when unknown. */
  productType: string;
  platform?: Located<string>;
  supportedDestinations: string[];
  /** `deploymentTarget`, as XcodeGen prints the version (`13.0`). */
  deploymentTarget?: Located<string>;
  settings: SettingsSpec;
  configFiles: Map<string, SpecPath>;
  info?: PlistSpec;
  entitlements?: PlistSpec;
  dependencies: DependencySpec[];
  sources: SpecPath[];
}

export type SettingPresets = 'all' | 'none' | 'project' | 'targets';

export interface XcodeGenConfig {
  name: string;
  /** `debug` or `release` (default settings); undefined for any other word. */
  type?: 'debug' | 'release';
  keySpan?: YamlSpan;
}

export interface XcodeGenProject {
  specPath: string;
  /** The folder of the root spec: the generated project's `$(SRCROOT)`. */
  basePath: string;
  name?: Located<string>;
  options: {
    bundleIdPrefix?: Located<string>;
    settingPresets: SettingPresets;
    /** `options.deploymentTarget`: platform → version. */
    deploymentTarget: Map<string, Located<string>>;
  };
  /** Sorted by name, as XcodeGen orders them; Debug and Release when the spec names none. */
  configs: XcodeGenConfig[];
  configFiles: Map<string, SpecPath>;
  settings: SettingsSpec;
  settingGroups: Map<string, SettingsSpec>;
  /** Sorted by name, as XcodeGen orders them. */
  targets: XcodeGenTarget[];
  /** Every spec file read, root first. */
  files: string[];
  problems: SpecProblem[];
}

const PRODUCT_TYPE_PREFIX = 'com.apple.product-type.';

/** XcodeGen's product types (XcodeProj's), short name → file extension of the product. */
const PRODUCT_EXTENSIONS: Record<string, string> = {
  application: 'app',
  'application.on-demand-install-capable': 'app',
  'application.messages': 'app',
  'application.watchapp': 'app',
  'application.watchapp2': 'app',
  'application.watchapp2-container': 'app',
  'app-extension': 'appex',
  'app-extension.intents-service': 'appex',
  'app-extension.messages': 'appex',
  'app-extension.messages-sticker-pack': 'appex',
  bundle: 'bundle',
  'bundle.ocunit-test': 'octest',
  'bundle.ui-testing': 'xctest',
  'bundle.unit-test': 'xctest',
  'extensionkit-extension': 'appex',
  framework: 'framework',
  'framework.static': 'framework',
  'instruments-package': 'instrpkg',
  'library.dynamic': 'dylib',
  'library.static': 'a',
  'metal-library': 'metallib',
  tool: '',
  'tv-app-extension': 'appex',
  'watchkit-extension': 'appex',
  'watchkit2-extension': 'appex',
  'xcode-extension': 'appex',
  'driver-extension': 'dext',
  'system-extension': 'systemextension',
  'xpc-service': 'xpc',
};

/** The Xcode product type of an XcodeGen `type` (short or full), or undefined when XcodeGen has none. */
export function productTypeOf(type: string): string | undefined {
  if (type === '') return '';
  const short = type.startsWith(PRODUCT_TYPE_PREFIX) ? type.slice(PRODUCT_TYPE_PREFIX.length) : type;
  return short in PRODUCT_EXTENSIONS ? PRODUCT_TYPE_PREFIX + short : undefined;
}

/** The extension of a product type's product (`dext`, `app`, …); '' for tools and unknown types. */
export function productExtensionOf(productType: string): string {
  return PRODUCT_EXTENSIONS[productType.slice(PRODUCT_TYPE_PREFIX.length)] ?? '';
}

export const PLATFORMS = ['auto', 'iOS', 'tvOS', 'macOS', 'watchOS', 'visionOS'] as const;

/** Swift's `"\(double)"`, which XcodeGen uses for number-valued settings (`1.10` becomes `1.1`). */
export function swiftDoubleText(n: number): string {
  if (Number.isNaN(n)) return 'nan';
  if (!Number.isFinite(n)) return n > 0 ? 'inf' : '-inf';
  if (Number.isInteger(n) && Math.abs(n) < 1e16) return n.toFixed(1);
  return String(n).replace(/e\+?/, 'e+').replace('e+-', 'e-');
}

/** A version as XcodeGen prints a deployment target: `major.minor`, and `.patch` when not 0. */
export function deploymentVersionText(text: string): string | undefined {
  const m = /^(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(text.trim());
  if (!m) return undefined;
  const patch = Number(m[3] ?? 0);
  return `${Number(m[1])}.${Number(m[2] ?? 0)}${patch > 0 ? `.${patch}` : ''}`;
}

class Reader {
  readonly problems: SpecProblem[] = [];
  constructor(readonly basePath: string) {}

  error(message: string, span: YamlSpan): void {
    this.problems.push({ severity: 'error', message, span });
  }
  warning(message: string, span: YamlSpan): void {
    this.problems.push({ severity: 'warning', message, span });
  }

  string(value: YamlValue | undefined, what: string): Located<string> | undefined {
    if (!value) return undefined;
    if (value.kind === 'scalar' && value.type === 'string') return { value: value.text, span: value.span };
    this.error(`${what} must be a string.`, value.span);
    return undefined;
  }

  bool(value: YamlValue | undefined, what: string): Located<boolean> | undefined {
    if (!value) return undefined;
    if (value.kind === 'scalar' && value.type === 'bool') return { value: value.value as boolean, span: value.span };
    this.error(`${what} must be a boolean (true or false): XcodeGen ignores "${value.kind === 'scalar' ? value.text : value.kind}".`, value.span);
    return undefined;
  }

  map(value: YamlValue | undefined, what: string): YamlMap | undefined {
    if (!value) return undefined;
    if (value.kind === 'map') return value;
    this.error(`${what} must be a map.`, value.span);
    return undefined;
  }

  path(value: YamlValue | undefined, what: string): SpecPath | undefined {
    const s = this.string(value, what);
    return s && { path: s.value, absolute: joinSpecPath(this.basePath, s.value), span: s.span };
  }

  pathMap(value: YamlValue | undefined, what: string): Map<string, SpecPath> {
    const out = new Map<string, SpecPath>();
    const map = this.map(value, what);
    for (const [config, entry] of map?.entries ?? []) {
      const p = this.path(entry.value, `${what}.${config}`);
      if (p) out.set(config, p);
    }
    return out;
  }

  settingValue(name: string, value: YamlValue): string | string[] | undefined {
    if (value.kind === 'seq') {
      const texts: string[] = [];
      for (const item of value.items) {
        if (item.kind === 'scalar' && item.type === 'string') texts.push(item.text);
        else {
          this.warning(`${name}: a list setting holds strings; XcodeGen writes this list as one string.`, item.span);
          return undefined;
        }
      }
      return texts;
    }
    if (value.kind === 'map') {
      this.warning(`${name}: a build setting is a string or a list of strings, not a map.`, value.span);
      return undefined;
    }
    if (value.type === 'bool') return value.value ? 'YES' : 'NO';
    if (value.type === 'float') return swiftDoubleText(value.value as number);
    return value.text;
  }

  buildSettings(map: YamlMap): Map<string, BuildSettingSpec> {
    const out = new Map<string, BuildSettingSpec>();
    for (const [name, entry] of map.entries) {
      const value = this.settingValue(name, entry.value);
      if (value !== undefined) out.set(name, { name, value, keySpan: entry.keySpan, span: entry.value.span });
    }
    return out;
  }

  settings(value: YamlValue | undefined, what: string): SettingsSpec {
    const empty: SettingsSpec = { base: new Map(), configs: [], groups: [] };
    const map = this.map(value, what);
    if (!map) return empty;
    const structured = map.entries.has('configs') || map.entries.has('groups') || map.entries.has('base');
    if (!structured) return { ...empty, base: this.buildSettings(map) };
    for (const [key, entry] of map.entries) {
      if (!['configs', 'groups', 'presets', 'base'].includes(key)) {
        this.warning(`${key} is ignored: with base, configs or groups, settings outside them do not count.`, entry.keySpan);
      }
    }
    const base = this.map(valueOf(map, 'base'), `${what}.base`);
    const groupsValue = valueOf(map, 'groups') ?? valueOf(map, 'presets');
    const groups: Located<string>[] = [];
    if (groupsValue?.kind === 'seq') {
      for (const g of groupsValue.items) {
        const s = this.string(g, 'A setting group name');
        if (s) groups.push(s);
      }
    } else if (groupsValue) this.error(`${what}.groups must be a list of setting group names.`, groupsValue.span);
    const configs: SettingsSpec['configs'] = [];
    const configsMap = this.map(valueOf(map, 'configs'), `${what}.configs`);
    for (const [variant, entry] of configsMap?.entries ?? []) {
      if (entry.value.kind !== 'map') {
        this.error(`${what}.configs.${variant} must be a map of settings: XcodeGen refuses the spec.`, entry.value.span);
        continue;
      }
      configs.push({ variant, keySpan: entry.keySpan, settings: this.settings(entry.value, `${what}.configs.${variant}`) });
    }
    return { base: base ? this.buildSettings(base) : new Map(), configs, groups };
  }

  plist(value: YamlValue | undefined, what: string, keySpan: YamlSpan | undefined): PlistSpec | undefined {
    const map = this.map(value, what);
    if (!map || !keySpan) return undefined;
    const pathValue = valueOf(map, 'path');
    if (!pathValue) {
      this.error(`${what} needs a path: XcodeGen refuses the spec.`, keySpan);
      return undefined;
    }
    const path = this.path(pathValue, `${what}.path`);
    if (!path) return undefined;
    const properties = this.map(valueOf(map, 'properties'), `${what}.properties`);
    return { path, properties, keySpan };
  }

  dependency(value: YamlValue, platform: string | undefined): DependencySpec | undefined {
    const map = this.map(value, 'A dependency');
    if (!map) return undefined;
    const kinds: DependencyKind[] = ['target', 'framework', 'carthage', 'sdk', 'package', 'bundle'];
    const kind = kinds.find((k) => map.entries.has(k));
    if (!kind) {
      this.error(`A dependency names one of ${kinds.join(', ')}: XcodeGen refuses the spec.`, map.span);
      return undefined;
    }
    const reference = this.string(valueOf(map, kind), `dependency ${kind}`);
    if (!reference) return undefined;
    const platforms = valueOf(map, 'platforms');
    if (platforms?.kind === 'seq' && platform && !platforms.items.some((p) => p.kind === 'scalar' && p.text === platform)) return undefined;
    const dependency: DependencySpec = { kind, reference: reference.value, span: reference.span };
    const embed = this.bool(valueOf(map, 'embed'), 'embed');
    if (embed) dependency.embed = embed;
    const codeSign = this.bool(valueOf(map, 'codeSign'), 'codeSign');
    if (codeSign) dependency.codeSign = codeSign.value;
    const link = this.bool(valueOf(map, 'link'), 'link');
    if (link) dependency.link = link.value;
    const copy = this.map(valueOf(map, 'copy'), 'copy');
    if (copy) {
      const destination = this.string(valueOf(copy, 'destination'), 'copy.destination');
      const subpath = this.string(valueOf(copy, 'subpath'), 'copy.subpath');
      if (destination) dependency.copy = { destination: destination.value, subpath: subpath?.value, span: copy.span };
      else this.error('copy needs a destination.', copy.span);
    }
    return dependency;
  }

  sources(value: YamlValue | undefined): SpecPath[] {
    if (!value) return [];
    const items = value.kind === 'seq' ? value.items : [value];
    const out: SpecPath[] = [];
    for (const item of items) {
      const p = item.kind === 'map' ? this.path(valueOf(item, 'path'), 'A source path') : this.path(item, 'A source');
      if (p) out.push(p);
      else if (item.kind === 'map' && !item.entries.has('path')) this.error('A source needs a path.', item.span);
    }
    return out;
  }

  target(key: string, keySpan: YamlSpan, value: YamlValue): XcodeGenTarget | undefined {
    const map = this.map(value, `Target ${key}`);
    if (!map) return undefined;
    const name = this.string(valueOf(map, 'name'), 'name')?.value ?? key;
    const type = this.string(valueOf(map, 'type'), 'type');
    let productType = '';
    if (!type) this.error(`Target ${name} needs a type (application, driver-extension, …): XcodeGen refuses the spec.`, keySpan);
    else {
      const known = productTypeOf(type.value);
      if (known === undefined) this.error(`Unknown target type "${type.value}": XcodeGen refuses the spec.`, type.span);
      else productType = known;
    }
    const supportedDestinations = (() => {
      const v = valueOf(map, 'supportedDestinations');
      if (v?.kind !== 'seq') return [];
      return v.items.filter((i) => i.kind === 'scalar').map((i) => (i.kind === 'scalar' ? i.text : ''));
    })();
    let platform = this.string(valueOf(map, 'platform'), 'platform');
    if (!platform && supportedDestinations.length) platform = { value: 'auto', span: keySpan };
    if (!platform) this.error(`Target ${name} needs a platform (macOS, iOS, …): XcodeGen refuses the spec.`, keySpan);
    else if (!(PLATFORMS as readonly string[]).includes(platform.value)) this.error(`Unknown platform "${platform.value}": XcodeGen refuses the spec.`, platform.span);
    const deploymentValue = valueOf(map, 'deploymentTarget');
    let deploymentTarget: Located<string> | undefined;
    if (deploymentValue?.kind === 'scalar') {
      const text = deploymentValue.type === 'float' || deploymentValue.type === 'int' ? swiftDoubleText(Number(deploymentValue.value)) : deploymentValue.text;
      const version = deploymentVersionText(text);
      if (version) deploymentTarget = { value: version, span: deploymentValue.span };
      else this.error(`deploymentTarget "${deploymentValue.text}" is not a version.`, deploymentValue.span);
    }
    const dependenciesValue = valueOf(map, 'dependencies');
    const dependencies: DependencySpec[] = [];
    if (dependenciesValue?.kind === 'seq') {
      for (const d of dependenciesValue.items) {
        const dependency = this.dependency(d, platform?.value);
        if (dependency) dependencies.push(dependency);
      }
    } else if (dependenciesValue) this.error('dependencies must be a list.', dependenciesValue.span);
    return {
      name,
      keySpan,
      span: map.span,
      type,
      productType,
      platform,
      supportedDestinations,
      deploymentTarget,
      settings: this.settings(valueOf(map, 'settings'), 'settings'),
      configFiles: this.pathMap(valueOf(map, 'configFiles'), 'configFiles'),
      info: this.plist(valueOf(map, 'info'), 'info', entryOf(map, 'info')?.keySpan),
      entitlements: this.plist(valueOf(map, 'entitlements'), 'entitlements', entryOf(map, 'entitlements')?.keySpan),
      dependencies,
      sources: this.sources(valueOf(map, 'sources')),
    };
  }
}

export type ReadXcodeGenOptions = SpecReadOptions;

/**
 * Reads the XcodeGen spec at `specPath` (absolute path of a `project.yml`) and the files it
 * includes, through `options.readFile`. Never throws; problems carry positions.
 */
export function readXcodeGenProject(specPath: string, options: ReadXcodeGenOptions): XcodeGenProject {
  try {
    return readProject(specPath, options);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    // Merging and expansion walk values recursively: nesting deeper than the stack allows (only
    // hostile files get there) leaves an empty project and a problem, not a crash.
    const span = { file: specPath, start: 0, end: 0, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
    return {
      specPath,
      basePath: parentOf(specPath),
      options: { settingPresets: 'all', deploymentTarget: new Map() },
      configs: [],
      configFiles: new Map(),
      settings: { base: new Map(), configs: [], groups: [] },
      settingGroups: new Map(),
      targets: [],
      files: [specPath],
      problems: [{ severity: 'error', message: 'The spec is nested too deeply to read.', span }],
    };
  }
}

function readProject(specPath: string, options: ReadXcodeGenOptions): XcodeGenProject {
  const spec = readSpec(specPath, options);
  const reader = new Reader(spec.basePath);
  const root = spec.root;
  const name = reader.string(valueOf(root, 'name'), 'name');
  if (root && !name) reader.error('A spec needs a name: XcodeGen refuses it.', root.span);

  const optionsMap = reader.map(valueOf(root, 'options'), 'options');
  const bundleIdPrefix = reader.string(valueOf(optionsMap, 'bundleIdPrefix'), 'options.bundleIdPrefix');
  const presetsValue = reader.string(valueOf(optionsMap, 'settingPresets'), 'options.settingPresets');
  let settingPresets: SettingPresets = 'all';
  if (presetsValue) {
    if (['all', 'none', 'project', 'targets'].includes(presetsValue.value)) settingPresets = presetsValue.value as SettingPresets;
    else reader.error(`options.settingPresets is all, none, project or targets, not "${presetsValue.value}".`, presetsValue.span);
  }
  const deploymentTarget = new Map<string, Located<string>>();
  for (const [platform, entry] of reader.map(valueOf(optionsMap, 'deploymentTarget'), 'options.deploymentTarget')?.entries ?? []) {
    const v = entry.value;
    const text = v.kind === 'scalar' ? (v.type === 'float' || v.type === 'int' ? swiftDoubleText(Number(v.value)) : v.text) : '';
    const version = deploymentVersionText(text);
    if (version) deploymentTarget.set(platform, { value: version, span: v.span });
    else reader.error(`options.deploymentTarget.${platform} is not a version.`, v.span);
  }

  const configs: XcodeGenConfig[] = [];
  for (const [configName, entry] of reader.map(valueOf(root, 'configs'), 'configs')?.entries ?? []) {
    const type = entry.value.kind === 'scalar' ? entry.value.text : '';
    configs.push({ name: configName, type: type === 'debug' || type === 'release' ? type : undefined, keySpan: entry.keySpan });
  }
  configs.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  if (!configs.length) configs.push({ name: 'Debug', type: 'debug' }, { name: 'Release', type: 'release' });

  const settingGroups = new Map<string, SettingsSpec>();
  for (const [groupName, entry] of reader.map(valueOf(root, 'settingGroups') ?? valueOf(root, 'settingPresets'), 'settingGroups')?.entries ?? []) {
    settingGroups.set(groupName, reader.settings(entry.value, `settingGroups.${groupName}`));
  }

  const targets: XcodeGenTarget[] = [];
  for (const [key, entry] of reader.map(valueOf(root, 'targets'), 'targets')?.entries ?? []) {
    const target = reader.target(key, entry.keySpan, entry.value);
    if (target) targets.push(target);
  }
  targets.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

  return {
    specPath,
    basePath: spec.basePath,
    name,
    options: { bundleIdPrefix, settingPresets, deploymentTarget },
    configs,
    configFiles: reader.pathMap(valueOf(root, 'configFiles'), 'configFiles'),
    settings: reader.settings(valueOf(root, 'settings'), 'settings'),
    settingGroups,
    targets,
    files: spec.files,
    problems: [...spec.problems, ...reader.problems],
  };
}
