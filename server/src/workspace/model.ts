// The products of the workspace: every dext and host app with its files and bundle id, linked
// from the Xcode targets when a project file says so, and from folders when none does.
import { isApplicationTarget, isDriverTarget, readPbxproj, resolveProject, settingOf, settingValues, type ProjectFacts, type XcodeProject, type XcodeTarget } from '../pbxproj/project';
import { literalValue } from '../pbxproj/variables';
import { parseXcconfig, type XcconfigDocument } from '../pbxproj/xcconfig';
import { runToEnd, type Steps } from '../cancellation';
import { plistRole } from './classify';
import type { FileKind, TreeChange, WorkspaceFile } from './files';
import { basename, dirname, isInside, joinPath } from './uri';
import { generatedPlistsOf, generatedProjectOf, readXcodeGenSpec, type GeneratedPlist, type XcodeGenSpecModel } from './xcodegen';
import type { XcodeGenTargetFacts } from '../xcodegen';

interface ProductBase {
  name: string;
  /** The folder its files live in (the Info.plist's or entitlements' folder). */
  folder: string;
  project?: XcodeProject;
  target?: XcodeTarget;
  /** When an XcodeGen spec builds it: the spec's view of the target (`info`/`entitlements` properties, embeds). */
  xcodegen?: XcodeGenTargetFacts;
  /** Resolved bundle ids (one per distinct configuration value); empty when unresolved. */
  bundleIds: string[];
  infoPlist?: WorkspaceFile;
  entitlements: WorkspaceFile[];
  /**
   * Set when no readable project builds this product but a project we cannot read is around it
   * (Tuist, Swift package, CMake, a damaged project file): its build settings are unknown.
   */
  unreadProject?: UnreadProject;
}

/** A build description we do not (or cannot) read, and the folder it describes. */
export interface UnreadProject {
  file: WorkspaceFile;
  kind: 'tuist' | 'swiftpm' | 'cmake' | 'damaged';
  /** The folder it builds from (SRCROOT, or the manifest's folder). */
  folder: string;
  /** One sentence for the user: what it is and what stays silent. */
  reason: string;
}

export interface DextProduct extends ProductBase {
  kind: 'dext';
  /** `.iig`, `.cpp`, `.h` files of the dext (its folder and below). */
  sources: WorkspaceFile[];
  /** Host apps that ship this dext. */
  apps: AppProduct[];
}

export interface AppProduct extends ProductBase {
  kind: 'app';
  /** Dexts this app ships (same project, or sibling folders when there is no project). */
  dexts: DextProduct[];
}

export type Product = DextProduct | AppProduct;

export interface ProductModel {
  /** Readable projects: `project.pbxproj` files and XcodeGen specs (`file` is then the `project.yml`). */
  projects: { file: WorkspaceFile; project: XcodeProject }[];
  /** Every XcodeGen spec, read (also those superseded by the `.xcodeproj` generated beside them). */
  specs: XcodeGenSpecModel[];
  dexts: DextProduct[];
  apps: AppProduct[];
  /** The kind of every plist-like file, decided with the targets. */
  kinds: Map<WorkspaceFile, FileKind>;
  /** The product each file belongs to. */
  productOf: Map<WorkspaceFile, Product>;
  /**
   * Entitlements files and Info.plists below a readable project that no target of it signs with
   * (`CODE_SIGN_ENTITLEMENTS`) or builds (`INFOPLIST_FILE`), with that project's file.
   */
  unused: Map<WorkspaceFile, WorkspaceFile>;
  /** Build descriptions we do not read, and damaged project files. */
  unread: UnreadProject[];
  /** For each `.xcconfig` (path) the project files whose configurations read it. */
  xcconfigReaders: Map<string, WorkspaceFile[]>;
  /**
   * The plists XcodeGen writes for the products of the specs it reads (`info:`, `entitlements:`),
   * by their generated file: those files are the products' Info.plists and entitlements.
   */
  generated: Map<WorkspaceFile, GeneratedPlist>;
  /** Files on disk XcodeGen replaces with a generated plist: checked as plists only. */
  replaced: Map<WorkspaceFile, GeneratedPlist>;
}

/** The project file's own facts (cached per version); its `.xcconfig` files are read by the model. */
export function projectFactsOf(file: WorkspaceFile): ProjectFacts {
  return file.parsed('pbxproj', (f) => readPbxproj(f.text, f.path));
}

/** The parse of an `.xcconfig` file (cached per version). */
export function xcconfigOf(file: WorkspaceFile): XcconfigDocument {
  return file.parsed('xcconfig', (f) => parseXcconfig(f.text));
}

const MANIFEST_KINDS: Record<string, { kind: UnreadProject['kind']; marker: RegExp; what: string }> = {
  'project.swift': { kind: 'tuist', marker: /\bimport\s+ProjectDescription\b/, what: 'a Tuist project (Project.swift)' },
  'package.swift': { kind: 'swiftpm', marker: /\bimport\s+PackageDescription\b/, what: 'a Swift package (Package.swift)' },
  'cmakelists.txt': { kind: 'cmake', marker: /./, what: 'a CMake project (CMakeLists.txt)' },
};

/** What a manifest file is, when its content says so. */
function unreadManifest(file: WorkspaceFile): UnreadProject | undefined {
  const known = MANIFEST_KINDS[file.path.slice(file.path.lastIndexOf('/') + 1).toLowerCase()];
  if (!known || !known.marker.test(file.text)) return undefined;
  const folder = dirname(file.path);
  return {
    file,
    kind: known.kind,
    folder,
    reason: `${file.path} is ${known.what}: DEXT Tools reads Xcode projects only, so the checks that need its build settings (generated Info.plist keys, which app ships which dext) stay silent for the files it builds.`,
  };
}

/** The paths a target names in a setting, in any configuration; undefined when one is unknown. */
function settingPaths(project: XcodeProject, target: XcodeTarget, setting: string): string[] | undefined {
  const out: string[] = [];
  for (const c of target.configurations) {
    // A configuration whose xcconfig we cannot read could name anything.
    if (c.incomplete) return undefined;
    if (c.settings[setting] === undefined) continue;
    const value = settingOf(project, target, c, setting);
    if (value === undefined || literalValue(value) === undefined) return undefined;
    if (value.trim()) out.push(joinPath(project.srcRoot, value.trim()));
  }
  return out;
}

function bundleIdsOf(project: XcodeProject, target: XcodeTarget): string[] {
  return settingValues(project, target, 'PRODUCT_BUNDLE_IDENTIFIER').filter((v) => literalValue(v) !== undefined);
}

/** Files linked per step of `buildModelSteps`: 20,000 files link in about 50 ms, a step in a few. */
const FILES_PER_STEP = 1000;

/** Builds the model from every file; pure function of the files (cached by the workspace). */
export function buildModel(files: Iterable<WorkspaceFile>): ProductModel {
  return runToEnd(buildModelSteps(files));
}

/** `buildModel` in steps of FILES_PER_STEP files of each pass (the parses it reads are best made before: `parseSharedInputs`). */
export function* buildModelSteps(files: Iterable<WorkspaceFile>): Steps<ProductModel> {
  let handled = 0;
  /** True once every FILES_PER_STEP files: the pass yields there. */
  const stepEnds = () => ++handled % FILES_PER_STEP === 0;
  const byPath = new Map<string, WorkspaceFile>();
  const all: WorkspaceFile[] = [];
  for (const f of files) {
    if (stepEnds()) yield;
    byPath.set(f.path, f);
    all.push(f);
  }
  const model: ProductModel = { projects: [], specs: [], dexts: [], apps: [], kinds: new Map(), productOf: new Map(), unused: new Map(), unread: [], xcconfigReaders: new Map(), generated: new Map(), replaced: new Map() };
  const readXcconfig = (path: string): XcconfigDocument | undefined => {
    const f = byPath.get(path);
    return f?.nameKind === 'xcconfig' ? xcconfigOf(f) : undefined;
  };
  /** Per readable project: every path its targets sign with or build, or undefined when some are unknown. */
  const usedPaths: { project: XcodeProject; file: WorkspaceFile; paths: Set<string> | undefined }[] = [];
  const claim = (file: WorkspaceFile | undefined, kind: FileKind, product: Product): WorkspaceFile | undefined => {
    if (!file) return undefined;
    model.kinds.set(file, kind);
    model.productOf.set(file, product);
    return file;
  };

  // 1. Xcode targets: project files, then XcodeGen specs.
  // `fileAt` finds the file a target names: a spec's generated plists stand for the files on disk.
  const linkProject = (file: WorkspaceFile, project: XcodeProject, specTargets?: XcodeGenTargetFacts[], fileAt: (path: string) => WorkspaceFile | undefined = (p) => byPath.get(p)) => {
    model.projects.push({ file, project });
    for (const path of project.xcconfigs ?? []) {
      const readers = model.xcconfigReaders.get(path);
      if (readers) readers.push(file);
      else model.xcconfigReaders.set(path, [file]);
    }
    let used: Set<string> | undefined = new Set<string>();
    for (const target of project.targets) {
      for (const setting of ['INFOPLIST_FILE', 'CODE_SIGN_ENTITLEMENTS']) {
        const paths = settingPaths(project, target, setting);
        if (!paths) used = undefined;
        else if (used) for (const p of paths) used.add(p);
      }
    }
    usedPaths.push({ project, file, paths: used });
    const projectDexts: DextProduct[] = [];
    const projectApps: AppProduct[] = [];
    for (const [index, target] of project.targets.entries()) {
      const driver = isDriverTarget(project, target);
      if (!driver && !isApplicationTarget(target)) continue;
      const pathsOf = (setting: string) =>
        settingValues(project, target, setting).map((p) => joinPath(project.srcRoot, p));
      const infoPaths = pathsOf('INFOPLIST_FILE');
      const entitlementPaths = pathsOf('CODE_SIGN_ENTITLEMENTS');
      const folder = dirname(infoPaths[0] ?? entitlementPaths[0] ?? joinPath(project.srcRoot, target.name + '/x'));
      const base = {
        name: target.name,
        folder,
        project,
        target,
        ...(specTargets?.[index] ? { xcodegen: specTargets[index] } : {}),
        bundleIds: bundleIdsOf(project, target),
        entitlements: [] as WorkspaceFile[],
      };
      const product: Product = driver
        ? { ...base, kind: 'dext', sources: [], apps: [] }
        : { ...base, kind: 'app', dexts: [] };
      product.infoPlist = claim(fileAt(infoPaths[0] ?? ''), driver ? 'dext-info-plist' : 'plist', product);
      for (const p of entitlementPaths) {
        const f = claim(fileAt(p), driver ? 'dext-entitlements' : 'app-entitlements', product);
        if (f) product.entitlements.push(f);
      }
      if (product.kind === 'dext') projectDexts.push(product);
      else projectApps.push(product);
    }
    for (const app of projectApps) {
      // An "Embed System Extensions" phase says which dexts the app ships; without one, any of the project's.
      const embedded = app.target?.embeddedSystemExtensions;
      app.dexts = embedded ? projectDexts.filter((d) => embedded.includes(d.name)) : projectDexts;
      for (const d of app.dexts) d.apps.push(app);
    }
    model.dexts.push(...projectDexts);
    model.apps.push(...projectApps);
  };
  for (const file of all) {
    if (stepEnds()) yield;
    if (file.nameKind !== 'pbxproj') continue;
    const facts = projectFactsOf(file);
    if (facts.damaged) {
      model.unread.push({
        file,
        kind: 'damaged',
        folder: facts.srcRoot,
        reason: `${file.path} cannot be read (${facts.errors[0]?.message ?? 'no root object'}): Xcode will not open it either, and the checks that need its build settings stay silent.`,
      });
      continue;
    }
    linkProject(file, resolveProject(facts, readXcconfig));
  }
  // XcodeGen specs. When the `.xcodeproj` generated from a spec is committed beside it (ASFireWire's
  // ASFW.xcodeproj next to project.yml) and readable, that project is what Xcode opens and builds:
  // it is read and the spec is not linked a second time (its problems are still reported). A
  // damaged one is in `unread`, and the spec says what it would generate.
  const readableProjects = [...model.projects];
  const infoPlists = all.filter((f) => f.nameKind === 'plist' && basename(f.path) === 'Info.plist').map((f) => f.path);
  for (const file of all) {
    if (stepEnds()) yield;
    if (file.nameKind !== 'xcodegen') continue;
    const spec = readXcodeGenSpec(file, byPath, readXcconfig, infoPlists);
    model.specs.push(spec);
    const generated = generatedProjectOf(spec, readableProjects);
    if (generated) {
      spec.supersededBy = generated;
      continue;
    }
    // XcodeGen writes the plists of `info:` and `entitlements:` when it generates the project: the
    // targets build with those, whatever the files on disk hold now.
    const plists = generatedPlistsOf(spec, byPath);
    const written = new Map(plists.map((g) => [g.file.path, g.file]));
    linkProject(file, spec.project, spec.targets, (p) => written.get(p) ?? byPath.get(p));
    for (const g of plists) {
      if (!model.kinds.has(g.file)) continue;
      model.generated.set(g.file, g);
      if (g.replaces && !model.kinds.has(g.replaces)) {
        model.kinds.set(g.replaces, 'plist');
        model.replaced.set(g.replaces, g);
      }
    }
  }

  // 2. Files no target claimed: by content, grouped by folder.
  const dextByFolder = new Map<string, DextProduct>();
  for (const d of model.dexts) if (!dextByFolder.has(d.folder)) dextByFolder.set(d.folder, d);
  const newDext = (folder: string, name: string): DextProduct => {
    const d: DextProduct = { kind: 'dext', name, folder, bundleIds: [], entitlements: [], sources: [], apps: [] };
    dextByFolder.set(folder, d);
    model.dexts.push(d);
    return d;
  };
  for (const file of all) {
    if (stepEnds()) yield;
    if (file.nameKind !== 'manifest') continue;
    const unread = unreadManifest(file);
    if (unread) model.unread.push(unread);
  }
  // Files below a readable project that none of its targets uses: only their own content is checked.
  // Not when a build description we cannot read, inside that project's folder, is nearer the file.
  for (const file of all) {
    if (stepEnds()) yield;
    if (model.kinds.has(file) || !isUnusedCandidate(file)) continue;
    const around = usedPaths.filter((u) => isInside(file.path, u.project.srcRoot));
    if (!around.length || around.some((u) => !u.paths || u.paths.has(file.path))) continue;
    if (model.unread.some((u) => isInside(file.path, u.folder) && around.some((a) => isInside(u.folder, a.project.srcRoot)))) continue;
    model.kinds.set(file, 'plist');
    model.unused.set(file, around[0]!.file);
  }
  const unclaimed = all.filter((f) => !model.kinds.has(f));
  const infoPlistCandidates = new Map<DextProduct, WorkspaceFile[]>();
  const dextInfoFolders = new Set<string>();
  for (const file of unclaimed) {
    if (stepEnds()) yield;
    if (file.nameKind !== 'plist') continue;
    const role = plistRole(file);
    if (role !== 'dext-info-plist') {
      model.kinds.set(file, 'plist');
      continue;
    }
    const folder = dirname(file.path);
    const dext = dextByFolder.get(folder) ?? newDext(folder, folder.slice(folder.lastIndexOf('/') + 1));
    // Two dext Info.plists in one folder and no target to say which is built (a stray
    // "copy-Info.plist", two dexts sharing a folder): which one is the dext's is a guess, so the
    // model says none, here and only here; the cross-file checks that need it stay silent.
    (infoPlistCandidates.get(dext) ?? infoPlistCandidates.set(dext, []).get(dext)!).push(file);
    dext.infoPlist = infoPlistCandidates.get(dext)!.length === 1 ? file : undefined;
    dextInfoFolders.add(folder);
    claim(file, 'dext-info-plist', dext);
  }
  const appByFolder = new Map<string, AppProduct>();
  for (const file of unclaimed) {
    if (stepEnds()) yield;
    if (file.nameKind !== 'entitlements') continue;
    const folder = dirname(file.path);
    let role = plistRole(file);
    if (role === 'entitlements') role = dextInfoFolders.has(folder) || dextByFolder.get(folder)?.infoPlist ? 'dext-entitlements' : 'app-entitlements';
    if (role === 'dext-entitlements') {
      const dext = dextByFolder.get(folder) ?? newDext(folder, folder.slice(folder.lastIndexOf('/') + 1));
      dext.entitlements.push(file);
      claim(file, 'dext-entitlements', dext);
    } else {
      let app = appByFolder.get(folder);
      if (!app) {
        app = { kind: 'app', name: folder.slice(folder.lastIndexOf('/') + 1), folder, bundleIds: [], entitlements: [], dexts: [] };
        appByFolder.set(folder, app);
        model.apps.push(app);
      }
      app.entitlements.push(file);
      claim(file, 'app-entitlements', app);
    }
  }
  // Apps without a project ship the dexts of their own folder or of sibling folders.
  for (const app of appByFolder.values()) {
    const parent = dirname(app.folder);
    for (const d of model.dexts) {
      if (d.project) continue;
      if (d.folder === app.folder || dirname(d.folder) === parent) {
        app.dexts.push(d);
        d.apps.push(app);
      }
    }
  }

  for (const d of model.dexts) if (!d.bundleIds.length && d.infoPlist) d.bundleIds = literalBundleIds(d.infoPlist);
  // Products no readable project builds, inside a project we cannot read: their settings are unknown.
  if (model.unread.length) {
    for (const p of [...model.dexts, ...model.apps]) {
      if (p.project) continue;
      const unread = model.unread.find((u) => isInside(p.folder, u.folder));
      if (unread) p.unreadProject = unread;
    }
  }

  // 3. Sources and the remaining kinds.
  // The nearest dext folder above each source: walk up the path (no scan of every dext per file).
  const dextOfFolder = new Map<string, DextProduct>();
  for (const d of model.dexts) if (!dextOfFolder.has(d.folder)) dextOfFolder.set(d.folder, d);
  const nearestDext = (path: string): DextProduct | undefined => {
    for (let dir = dirname(path); ; dir = dirname(dir)) {
      const found = dextOfFolder.get(dir);
      if (found) return found;
      if (dir === '/' || dir === '.' || !dir.includes('/')) return undefined;
    }
  };
  for (const file of all) {
    if (stepEnds()) yield;
    if (model.kinds.has(file)) continue;
    const kind = file.nameKind;
    if (kind === 'iig' || kind === 'cpp') {
      model.kinds.set(file, kind);
      const dext = nearestDext(file.path);
      if (dext) {
        dext.sources.push(file);
        model.productOf.set(file, dext);
      }
    } else if (kind === 'pbxproj' || kind === 'profile' || kind === 'log' || kind === 'source' || kind === 'xcconfig' || kind === 'manifest' || kind === 'xcodegen' || kind === 'yaml') model.kinds.set(file, kind);
  }
  return model;
}

/**
 * What buildModel reads from one file's content, as a string: when an edit leaves it unchanged,
 * the model (kinds, products, links) is unchanged too, and a keystroke need not rebuild it.
 * undefined when the whole content matters (a project file), or with `onlyIfParsed` when finding
 * out would take a parse not yet made (a file changed on disk that nobody opened: rebuilding is
 * cheaper than parsing its old text only to compare). Keep in step with buildModel.
 */
export function modelFactsOf(file: WorkspaceFile, onlyIfParsed = false): string | undefined {
  switch (file.nameKind) {
    case 'pbxproj':
    case 'xcconfig':
    case 'manifest':
    // A spec, or a YAML file a spec may include: any edit can change the targets.
    case 'xcodegen':
    case 'yaml':
      return undefined;
    case 'plist':
    case 'entitlements':
      if (onlyIfParsed && !file.hasParsed('plist')) return undefined;
      // Cached per version: a change asks for the facts before it (the last change's after).
      return file.parsed('model-facts', plistFacts);
    default:
      // .iig, .cpp, sources, logs, profiles and configuration files: linked by path only.
      return '';
  }
}

/** The facts of a plist's last version that computed them: a keystroke brings them up to date from its tree change. */
const lastFacts = new WeakMap<WorkspaceFile, { revision: number; facts: string }>();

function plistFacts(file: WorkspaceFile): string {
  const last = lastFacts.get(file);
  const changes = last && file.plistChangesSince(last.revision);
  const facts = changes && changes.every((c) => leavesFacts(file, c)) ? last!.facts : file.nameKind === 'plist' ? `${plistRole(file)}\n${literalBundleIds(file).join('\n')}` : plistRole(file);
  lastFacts.set(file, { revision: file.revision, facts });
  return facts;
}

/**
 * Whether a change of a plist's tree leaves what buildModel reads of it: the root's keys; of an
 * Info.plist, the values of CFBundleIdentifier and CFBundlePackageType, and of each personality
 * the presence of IOUserServerName and IOUserClass and the value of IOUserServerName (plistRole,
 * literalBundleIds). A change inside the value of another root key, or inside a personality's
 * other values, leaves them; so does renaming a personality. Keep in step with those two.
 */
function leavesFacts(file: WorkspaceFile, change: TreeChange): boolean {
  const splice = change.splice;
  const key = change.withinRootKey;
  if (!splice || key === undefined) return false;
  if (file.nameKind === 'entitlements') return true;
  if (key === 'CFBundleIdentifier' || key === 'CFBundlePackageType') return false;
  if (key !== 'IOKitPersonalities') return true;
  const path = splice.path;
  if (path.length === 2) return splice.keyEdited !== undefined;
  if (path.length < 2) return false;
  // Inside one personality's value: an entry of its dict (or anything of an array, which is no personality).
  const inPersonality = path[2]!;
  if (inPersonality.container.kind !== 'dict') return true;
  if (path.length === 3 && splice.keyEdited) return false;
  return inPersonality.entry?.key !== 'IOUserServerName';
}

/**
 * Files a target would name: entitlements files, and plists that are an Info.plist by name or by
 * content (other plists, such as a personality template or ExportOptions.plist, are no target's).
 */
function isUnusedCandidate(file: WorkspaceFile): boolean {
  if (file.nameKind === 'entitlements') return true;
  // A `.plist.in` template is the input of a generator (CMake, a script), never a target's file.
  if (file.nameKind !== 'plist' || file.path.toLowerCase().endsWith('.in')) return false;
  return /(^|[-_.])info\.plist$/i.test(file.path.slice(file.path.lastIndexOf('/') + 1)) || plistRole(file) === 'dext-info-plist';
}

/**
 * Without a project file, a dext's bundle id is known only when its Info.plist spells it out:
 * `CFBundleIdentifier`, else the personalities' `IOUserServerName` (driverkit.md §3).
 */
function literalBundleIds(infoPlist: WorkspaceFile): string[] {
  const root = infoPlist.plist.root;
  if (root?.kind !== 'dict') return [];
  const literal = (text: string | undefined) => (text === undefined ? undefined : literalValue(text) || undefined);
  const top = root.entries.find((e) => e.key === 'CFBundleIdentifier')?.value;
  if (top) {
    // Present but a variable: unresolved, whatever the personalities say.
    const fromBundle = literal(top.kind === 'string' ? top.text : undefined);
    return fromBundle ? [fromBundle] : [];
  }
  const ids = new Set<string>();
  const personalities = root.entries.find((e) => e.key === 'IOKitPersonalities')?.value;
  if (personalities?.kind === 'dict') {
    for (const p of personalities.entries) {
      if (p.value?.kind !== 'dict') continue;
      const name = p.value.entries.find((e) => e.key === 'IOUserServerName')?.value;
      const id = literal(name?.kind === 'string' ? name.text : undefined);
      if (id) ids.add(id);
    }
  }
  return ids.size === 1 ? [...ids] : [];
}
