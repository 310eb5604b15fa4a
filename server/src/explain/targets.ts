// Where the configuration behind an explanation lives: the schemas name target kinds
// (log-patterns.jsonc's header), resolved here against the workspace model: the apps'
// userclient-access entries, the dexts' entitlements and personalities, the classes' QUEUENAMEs.
import { getEntry, rootDict } from '../plist';
import type { PlistDict, PlistEntry } from '../plist/types';
import { topEntry } from '../dext/entitlements-file';
import { bundleIdOfEntry, splitIds, USERCLIENT_ACCESS, userclientAccessNodes } from '../dext/userclient-access';
import { isDriverKitPersonality } from '../workspace/classify';
import type { WorkspaceFile } from '../workspace/files';
import type { AppProduct, DextProduct } from '../workspace/model';
import type { Workspace } from '../workspace/workspace';
import { classQueueLocations, dextOfClass } from './classes';
import { locationIn } from './locations';
import type { ConfigLocation, Target } from './types';

/** Enough to point at; a workspace-wide target (every QUEUENAME) stays readable. */
const MAX_PER_TARGET = 20;

/** Where a missing top-level key would go: the root `<dict>` tag, else the file's start. */
function rootLocation(file: WorkspaceFile, title: string): ConfigLocation {
  const root = file.plist.binary ? undefined : rootDict(file.plist);
  return root ? locationIn(file, root.start, Math.min(root.end, root.start + '<dict>'.length), title) : locationIn(file, 0, 0, title);
}

function keyLocation(file: WorkspaceFile, entry: PlistEntry, title: string): ConfigLocation {
  return file.plist.binary ? locationIn(file, 0, 0, title) : locationIn(file, entry.keyInner.start, entry.keyInner.end, title);
}

/** Dexts matching any filter given (bundle id, class name); every dext when none is given. */
function dextsFor(workspace: Workspace, target: Target): DextProduct[] {
  const dexts = workspace.getModel().dexts;
  if (target.bundleId === undefined && target.className === undefined) return dexts;
  const ofClass = target.className !== undefined ? dextOfClass(workspace, target.className) : undefined;
  return dexts.filter((d) => d === ofClass || (target.bundleId !== undefined && d.bundleIds.includes(target.bundleId)));
}

/** The host apps of the dext with this bundle id, else every app of the workspace. */
function appsFor(workspace: Workspace, bundleId: string | undefined): AppProduct[] {
  const model = workspace.getModel();
  if (bundleId === undefined) return model.apps;
  const shipping = new Set(model.dexts.filter((d) => d.bundleIds.includes(bundleId)).flatMap((d) => d.apps));
  return shipping.size ? model.apps.filter((a) => shipping.has(a)) : model.apps;
}

function userclientAccess(workspace: Workspace, target: Target): ConfigLocation[] {
  const out: ConfigLocation[] = [];
  const id = target.bundleId;
  for (const app of appsFor(workspace, id)) {
    for (const file of app.entitlements) {
      const granting = id === undefined ? [] : userclientAccessNodes(file).filter((n) => splitIds(n.text).some((e) => bundleIdOfEntry(e) === id));
      const entry = topEntry(file, USERCLIENT_ACCESS);
      if (granting.length && !file.plist.binary) {
        for (const n of granting) out.push(locationIn(file, n.inner.start, n.inner.end, `userclient-access lists ${id}`));
      } else if (entry) {
        out.push(keyLocation(file, entry, id === undefined ? 'userclient-access' : `userclient-access does not list ${id}`));
      } else {
        out.push(rootLocation(file, 'no userclient-access entitlement'));
      }
    }
  }
  return out;
}

function appEntitlement(workspace: Workspace, key: string): ConfigLocation[] {
  return workspace.getModel().apps.flatMap((app) =>
    app.entitlements.map((file) => {
      const entry = topEntry(file, key);
      return entry ? keyLocation(file, entry, key) : rootLocation(file, `no ${key}`);
    }),
  );
}

function dextEntitlements(workspace: Workspace, target: Target): ConfigLocation[] {
  const prefix = target.keyPrefix;
  return dextsFor(workspace, target).flatMap((dext) =>
    dext.entitlements.map((file) => {
      const entry = prefix === undefined || file.plist.binary ? undefined : rootDict(file.plist)?.entries.find((e) => e.key.startsWith(prefix));
      if (entry) return keyLocation(file, entry, entry.key);
      return rootLocation(file, prefix === undefined ? 'dext entitlements' : `no ${prefix}… entitlement`);
    }),
  );
}

function entitlementKeys(workspace: Workspace, keys: string): ConfigLocation[] {
  const wanted = keys.split(/[\s,]+/).filter((k) => /^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/.test(k));
  const files = [...workspace.filesOfKind('dext-entitlements'), ...workspace.filesOfKind('app-entitlements')];
  const out: ConfigLocation[] = [];
  for (const file of files) {
    for (const key of wanted) {
      const entry = topEntry(file, key);
      if (entry) out.push(keyLocation(file, entry, key));
    }
  }
  return out;
}

interface Personality {
  name: PlistEntry;
  dict: PlistDict;
}

function personalitiesOf(file: WorkspaceFile): Personality[] {
  if (file.plist.binary) return [];
  const list = getEntry(rootDict(file.plist), 'IOKitPersonalities')?.value;
  if (list?.kind !== 'dict') return [];
  return list.entries
    .filter((e): e is PlistEntry & { value: PlistDict } => e.value?.kind === 'dict' && isDriverKitPersonality(e.value))
    .map((e) => ({ name: e, dict: e.value }));
}

function stringOf(entry: PlistEntry | undefined): string | undefined {
  return entry?.value?.kind === 'string' ? entry.value.text.trim() : undefined;
}

/** A string's text, or a boolean as `true` / `false`. */
function scalarOf(entry: PlistEntry): string | undefined {
  const value = entry.value;
  return value?.kind === 'true' || value?.kind === 'false' ? value.kind : stringOf(entry);
}

function personalityKey(workspace: Workspace, target: Target, key: string): ConfigLocation[] {
  const out: ConfigLocation[] = [];
  for (const dext of dextsFor(workspace, target)) {
    const file = dext.infoPlist;
    if (!file) continue;
    let personalities = personalitiesOf(file);
    // A class named by the log narrows to its own personalities, when it has some.
    const ofClass = personalities.filter((p) => stringOf(getEntry(p.dict, 'IOUserClass')) === target.className);
    if (ofClass.length) personalities = ofClass;
    for (const p of personalities) {
      const entry = getEntry(p.dict, key);
      if (target.providerClass !== undefined && stringOf(getEntry(p.dict, 'IOProviderClass')) !== target.providerClass) continue;
      if (target.notValue !== undefined && entry && scalarOf(entry) === target.notValue) continue;
      if (target.value !== undefined) {
        if (stringOf(entry) === target.value && entry?.value) {
          out.push(locationIn(file, entry.value.inner.start, entry.value.inner.end, `personality ${p.name.key}: ${key} = ${target.value}`));
        }
      } else if (entry) {
        out.push(keyLocation(file, entry, `personality ${p.name.key}: ${key}`));
      } else {
        out.push(keyLocation(file, p.name, `personality ${p.name.key} has no ${key}`));
      }
    }
  }
  return out;
}

function infoPlistKey(workspace: Workspace, target: Target, key: string): ConfigLocation[] {
  const out: ConfigLocation[] = [];
  for (const dext of dextsFor(workspace, target)) {
    const file = dext.infoPlist;
    if (!file) continue;
    const entry = file.plist.binary ? undefined : getEntry(rootDict(file.plist), key);
    out.push(entry ? keyLocation(file, entry, key) : rootLocation(file, `no ${key}`));
  }
  return out;
}

function resolve(workspace: Workspace, target: Target): ConfigLocation[] {
  switch (target.kind) {
    case 'userclient-access':
      return userclientAccess(workspace, target);
    case 'app-entitlement':
      return target.key ? appEntitlement(workspace, target.key) : [];
    case 'dext-entitlements':
      return dextEntitlements(workspace, target);
    case 'entitlement-keys':
      return target.keys ? entitlementKeys(workspace, target.keys) : [];
    case 'personality-key':
      return target.key ? personalityKey(workspace, target, target.key) : [];
    case 'info-plist-key':
      return target.key ? infoPlistKey(workspace, target, target.key) : [];
    case 'class-queues':
      return classQueueLocations(workspace, target.className);
  }
}

/**
 * The locations of an explanation's targets, in order, without duplicates. Of several targets of
 * one kind and key, the first that finds something wins: the later ones are its fallbacks.
 */
export function locateTargets(workspace: Workspace, targets: readonly Target[]): ConfigLocation[] {
  const satisfied = new Set<string>();
  const seen = new Set<string>();
  const out: ConfigLocation[] = [];
  for (const target of targets) {
    const group = target.group ?? `${target.kind}\0${target.key ?? target.keyPrefix ?? ''}`;
    if (satisfied.has(group)) continue;
    const found = workspace.derived(`explain-target:${JSON.stringify(target)}`, (w) => resolve(w, target).slice(0, MAX_PER_TARGET));
    if (found.length) satisfied.add(group);
    for (const l of found) {
      const id = `${l.uri}\0${l.start}\0${l.end}`;
      if (seen.has(id)) continue;
      seen.add(id);
      out.push(l);
    }
  }
  return out;
}
