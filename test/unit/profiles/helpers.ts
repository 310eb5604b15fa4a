// Shared by the profile tests: entitlements text, a minimal real project.pbxproj, a workspace with
// profiles, and validation restricted to this area's rules.
import { profileRules } from '../../../server/src/rules/profiles';
import type { DextDiagnostic } from '../../../server/src/types';
import { pathToUri } from '../../../server/src/workspace/uri';
import type { Workspace } from '../../../server/src/workspace/workspace';
import { plistDocument, type Value } from '../../helpers/profiles';
import { diagnosticsOf, workspaceFromFiles } from '../../helpers/workspace';

export { positions } from '../../helpers/workspace';

export const PROFILE_RULE_IDS = profileRules.map((r) => r.meta.id);

/** An entitlements (or any plist) file holding `value` as its root dict. */
export function entitlements(value: Record<string, Value>): string {
  return plistDocument(value);
}

export interface TargetSpec {
  name: string;
  type: 'app' | 'driver';
  /** Settings of every configuration (Debug and Release). */
  settings: Record<string, string>;
  /** Per-configuration overrides. */
  debug?: Record<string, string>;
  release?: Record<string, string>;
}

const quote = (s: string) => (/^[A-Za-z0-9_./]+$/.test(s) ? s : JSON.stringify(s));

/** A project.pbxproj with these targets (apps depend on every driver target). */
export function pbxproj(targets: TargetSpec[]): string {
  const objects: string[] = [];
  const id = (n: number) => `A${String(n).padStart(23, '0')}`;
  let next = 1;
  const settingsText = (s: Record<string, string>) => Object.entries(s).map(([k, v]) => `\t\t\t\t${k} = ${quote(v)};`).join('\n');
  const config = (name: string, settings: Record<string, string>) => {
    const cid = id(next++);
    objects.push(`\t\t${cid} = {\n\t\t\tisa = XCBuildConfiguration;\n\t\t\tbuildSettings = {\n${settingsText(settings)}\n\t\t\t};\n\t\t\tname = ${name};\n\t\t};`);
    return cid;
  };
  const list = (ids: string[]) => {
    const lid = id(next++);
    objects.push(`\t\t${lid} = {\n\t\t\tisa = XCConfigurationList;\n\t\t\tbuildConfigurations = (${ids.join(', ')});\n\t\t};`);
    return lid;
  };
  const targetIds = targets.map(() => id(next++));
  const driverIds = targets.flatMap((t, i) => (t.type === 'driver' ? [targetIds[i]!] : []));
  targets.forEach((t, i) => {
    const lid = list([config('Debug', { ...t.settings, ...t.debug }), config('Release', { ...t.settings, ...t.release })]);
    const deps = t.type === 'app' ? driverIds.map((d) => {
      const did = id(next++);
      objects.push(`\t\t${did} = {\n\t\t\tisa = PBXTargetDependency;\n\t\t\ttarget = ${d};\n\t\t};`);
      return did;
    }) : [];
    const productType = t.type === 'app' ? 'com.apple.product-type.application' : 'com.apple.product-type.driver-extension';
    objects.push(`\t\t${targetIds[i]} = {\n\t\t\tisa = PBXNativeTarget;\n\t\t\tbuildConfigurationList = ${lid};\n\t\t\tdependencies = (${deps.join(', ')});\n\t\t\tname = ${quote(t.name)};\n\t\t\tproductType = "${productType}";\n\t\t};`);
  });
  const projectList = list([config('Debug', {}), config('Release', {})]);
  const root = id(next++);
  objects.push(`\t\t${root} = {\n\t\t\tisa = PBXProject;\n\t\t\tbuildConfigurationList = ${projectList};\n\t\t\ttargets = (${targetIds.join(', ')});\n\t\t};`);
  return `// !$*UTF8*$!\n{\n\tarchiveVersion = 1;\n\tobjectVersion = 56;\n\tobjects = {\n${objects.join('\n')}\n\t};\n\trootObject = ${root};\n}\n`;
}

/** A workspace of text files plus profiles (raw bytes, as the scan reads them). */
export function workspaceWith(files: Record<string, string>, profiles: Record<string, Uint8Array>): Workspace {
  const workspace = workspaceFromFiles(files);
  for (const [path, bytes] of Object.entries(profiles)) workspace.set(pathToUri(path), '', 1, bytes);
  return workspace;
}

/** The findings of this area's rules on one file. */
export function profileFindings(workspace: Workspace, path: string): DextDiagnostic[] {
  return diagnosticsOf(workspace, path).filter((d) => PROFILE_RULE_IDS.includes(d.code));
}

/** 1-based line of the first line of `text` containing `needle` (after `from`, 1-based). */
export function lineOf(text: string, needle: string, from = 1): number {
  const lines = text.split('\n');
  for (let i = from - 1; i < lines.length; i++) if (lines[i]!.includes(needle)) return i + 1;
  throw new Error(`${needle} not found`);
}
