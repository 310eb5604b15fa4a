// The products of the workspace: every dext and host app with its files and bundle id, linked
// from the Xcode targets when a project file says so, and from folders when none does.
import { isApplicationTarget, isDriverTarget, parseXcodeProject, settingValues, type XcodeProject, type XcodeTarget } from '../pbxproj/project';
import { hasVariable } from '../pbxproj/variables';
import { plistRole } from './classify';
import type { FileKind, WorkspaceFile } from './files';
import { dirname, joinPath } from './uri';

interface ProductBase {
  name: string;
  /** The folder its files live in (the Info.plist's or entitlements' folder). */
  folder: string;
  project?: XcodeProject;
  target?: XcodeTarget;
  /** Resolved bundle ids (one per distinct configuration value); empty when unresolved. */
  bundleIds: string[];
  infoPlist?: WorkspaceFile;
  entitlements: WorkspaceFile[];
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
  projects: { file: WorkspaceFile; project: XcodeProject }[];
  dexts: DextProduct[];
  apps: AppProduct[];
  /** The kind of every plist-like file, decided with the targets. */
  kinds: Map<WorkspaceFile, FileKind>;
  /** The product each file belongs to. */
  productOf: Map<WorkspaceFile, Product>;
}

export function projectOf(file: WorkspaceFile): XcodeProject {
  return file.parsed('pbxproj', (f) => parseXcodeProject(f.text, f.path));
}

function bundleIdsOf(project: XcodeProject, target: XcodeTarget): string[] {
  return settingValues(project, target, 'PRODUCT_BUNDLE_IDENTIFIER').filter((v) => !hasVariable(v));
}

/** Builds the model from every file; pure function of the files (cached by the workspace). */
export function buildModel(files: Iterable<WorkspaceFile>): ProductModel {
  const byPath = new Map<string, WorkspaceFile>();
  const all: WorkspaceFile[] = [];
  for (const f of files) {
    byPath.set(f.path, f);
    all.push(f);
  }
  const model: ProductModel = { projects: [], dexts: [], apps: [], kinds: new Map(), productOf: new Map() };
  const claim = (file: WorkspaceFile | undefined, kind: FileKind, product: Product): WorkspaceFile | undefined => {
    if (!file) return undefined;
    model.kinds.set(file, kind);
    model.productOf.set(file, product);
    return file;
  };

  // 1. Xcode targets.
  for (const file of all) {
    if (file.nameKind !== 'pbxproj') continue;
    const project = projectOf(file);
    model.projects.push({ file, project });
    const projectDexts: DextProduct[] = [];
    const projectApps: AppProduct[] = [];
    for (const target of project.targets) {
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
        bundleIds: bundleIdsOf(project, target),
        entitlements: [] as WorkspaceFile[],
      };
      const product: Product = driver
        ? { ...base, kind: 'dext', sources: [], apps: [] }
        : { ...base, kind: 'app', dexts: [] };
      product.infoPlist = claim(byPath.get(infoPaths[0] ?? ''), driver ? 'dext-info-plist' : 'plist', product);
      for (const p of entitlementPaths) {
        const f = claim(byPath.get(p), driver ? 'dext-entitlements' : 'app-entitlements', product);
        if (f) product.entitlements.push(f);
      }
      if (product.kind === 'dext') projectDexts.push(product);
      else projectApps.push(product);
    }
    for (const app of projectApps) {
      app.dexts = projectDexts;
      for (const d of projectDexts) d.apps.push(app);
    }
    model.dexts.push(...projectDexts);
    model.apps.push(...projectApps);
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
  const unclaimed = all.filter((f) => !model.kinds.has(f));
  for (const file of unclaimed) {
    if (file.nameKind !== 'plist') continue;
    const role = plistRole(file);
    if (role !== 'dext-info-plist') {
      model.kinds.set(file, 'plist');
      continue;
    }
    const folder = dirname(file.path);
    const dext = dextByFolder.get(folder) ?? newDext(folder, folder.slice(folder.lastIndexOf('/') + 1));
    if (!dext.infoPlist) dext.infoPlist = file;
    claim(file, 'dext-info-plist', dext);
  }
  const appByFolder = new Map<string, AppProduct>();
  for (const file of unclaimed) {
    if (file.nameKind !== 'entitlements') continue;
    const folder = dirname(file.path);
    let role = plistRole(file);
    if (role === 'entitlements') role = dextByFolder.get(folder)?.infoPlist ? 'dext-entitlements' : 'app-entitlements';
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
    if (model.kinds.has(file)) continue;
    const kind = file.nameKind;
    if (kind === 'iig' || kind === 'cpp') {
      model.kinds.set(file, kind);
      const dext = nearestDext(file.path);
      if (dext) {
        dext.sources.push(file);
        model.productOf.set(file, dext);
      }
    } else if (kind === 'pbxproj' || kind === 'profile' || kind === 'log' || kind === 'source') model.kinds.set(file, kind);
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
      return undefined;
    case 'plist':
    case 'entitlements':
      if (onlyIfParsed && !file.hasParsed('plist')) return undefined;
      // Cached per version: a change asks for the facts before it (the last change's after).
      return file.parsed('model-facts', (f) => (f.nameKind === 'plist' ? `${plistRole(f)}\n${literalBundleIds(f).join('\n')}` : plistRole(f)));
    default:
      // .iig, .cpp, sources, logs, profiles and configuration files: linked by path only.
      return '';
  }
}

/**
 * Without a project file, a dext's bundle id is known only when its Info.plist spells it out:
 * `CFBundleIdentifier`, else the personalities' `IOUserServerName` (driverkit.md §3).
 */
function literalBundleIds(infoPlist: WorkspaceFile): string[] {
  const root = infoPlist.plist.root;
  if (root?.kind !== 'dict') return [];
  const literal = (text: string | undefined) => (text && !hasVariable(text) && !text.includes('@') ? text.trim() : undefined);
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
