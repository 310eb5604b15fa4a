// Which profile applies to an entitlements file: one whose application identifier (minus its team
// prefix) covers the target's bundle id, of the target's team when the project names one. When
// several apply, the choice follows Xcode: a profile the target names (PROVISIONING_PROFILE_SPECIFIER
// / PROVISIONING_PROFILE) first, then an unexpired one, then an explicit App ID over a wildcard one
// (wildcard App IDs cannot carry DriverKit capabilities), then the newest. Settings are read from
// the configurations that sign with this entitlements file (Debug and Release often use different
// files and profiles), or from all of them. No bundle id → none.
import { hasVariable } from '../pbxproj/variables';
import { resolveInTarget, settingOf, type XcodeConfiguration } from '../pbxproj/project';
import type { Product } from '../workspace/model';
import type { WorkspaceFile } from '../workspace/files';
import { joinPath } from '../workspace/uri';
import type { Workspace } from '../workspace/workspace';
import { teamAwareResolver, type Resolve } from './grants';
import { isExpired, profileOf, type ProvisioningProfile } from './profile';
import { wildcardMatch } from './wildcard';

export interface ProfileCandidate {
  file: WorkspaceFile;
  profile: ProvisioningProfile;
  /** Named by the target's build settings. */
  named: boolean;
}

export interface AppliedProfile extends ProfileCandidate {
  /** The target's bundle id the profile covers. */
  bundleId: string;
  /** Every profile that applies, the chosen one first. */
  candidates: ProfileCandidate[];
  /** Resolves `$(VAR)` in the entitlements file against the target and this profile's team. */
  resolve: Resolve;
}

/** The configurations whose CODE_SIGN_ENTITLEMENTS is this file; all when none names it. */
function configurationsOf(product: Product, file: WorkspaceFile): XcodeConfiguration[] {
  const { project, target } = product;
  if (!project || !target) return [];
  const own = target.configurations.filter((c) => {
    const path = settingOf(project, target, c, 'CODE_SIGN_ENTITLEMENTS');
    return !!path && joinPath(project.srcRoot, path) === file.path;
  });
  return own.length ? own : target.configurations;
}

/** Distinct resolved values of a build setting over some configurations. */
function settingOver(product: Product, configurations: XcodeConfiguration[], name: string): string[] {
  const values = new Set<string>();
  for (const c of configurations) {
    const v = settingOf(product.project!, product.target!, c, name);
    if (v && !hasVariable(v)) values.add(v);
  }
  return [...values];
}

function newest(p: ProvisioningProfile): number {
  return (p.creationDate ?? p.expirationDate)?.getTime() ?? 0;
}

function compareCandidates(a: ProfileCandidate, b: ProfileCandidate, now: Date): number {
  return (
    Number(b.named) - Number(a.named) ||
    Number(isExpired(a.profile, now)) - Number(isExpired(b.profile, now)) ||
    Number(a.profile.bundleIdPattern.includes('*')) - Number(b.profile.bundleIdPattern.includes('*')) ||
    newest(b.profile) - newest(a.profile) ||
    (b.profile.expirationDate?.getTime() ?? 0) - (a.profile.expirationDate?.getTime() ?? 0) ||
    (a.file.path < b.file.path ? -1 : a.file.path > b.file.path ? 1 : 0)
  );
}

export function profileForEntitlements(workspace: Workspace, file: WorkspaceFile, now = new Date()): AppliedProfile | undefined {
  const product = workspace.productOf(file);
  if (!product?.bundleIds.length) return undefined;
  const configurations = configurationsOf(product, file);
  const setting = (name: string) => settingOver(product, configurations, name);
  const ownBundleIds = setting('PRODUCT_BUNDLE_IDENTIFIER');
  const bundleIds = ownBundleIds.length ? ownBundleIds : product.bundleIds;
  const teams = setting('DEVELOPMENT_TEAM');
  // `TEAMID/Name` is accepted as well as `Name`.
  const specifiers = new Set(setting('PROVISIONING_PROFILE_SPECIFIER').map((s) => s.slice(s.indexOf('/') + 1)));
  const uuids = new Set(setting('PROVISIONING_PROFILE').map((u) => u.toUpperCase()));
  const candidates: (ProfileCandidate & { bundleId: string })[] = [];
  for (const f of workspace.filesOfKind('profile')) {
    const result = profileOf(f);
    if (!result.ok) continue;
    const profile = result.profile;
    const bundleId = bundleIds.find((id) => profile.bundleIdPattern && wildcardMatch(profile.bundleIdPattern, id));
    if (!bundleId) continue;
    if (teams.length && profile.teamIds.length && !profile.teamIds.some((t) => teams.includes(t))) continue;
    const named = (!!profile.name && specifiers.has(profile.name)) || (!!profile.uuid && uuids.has(profile.uuid.toUpperCase()));
    candidates.push({ file: f, profile, named, bundleId });
  }
  if (!candidates.length) return undefined;
  candidates.sort((a, b) => compareCandidates(a, b, now));
  const chosen = candidates[0]!;
  const { project, target } = product;
  const resolveRest: Resolve | undefined = project && target ? (text) => resolveInTarget(project, target, text) : undefined;
  return {
    ...chosen,
    candidates: candidates.map(({ file: f, profile, named }) => ({ file: f, profile, named })),
    resolve: teamAwareResolver(chosen.profile.teamIds[0], resolveRest),
  };
}
