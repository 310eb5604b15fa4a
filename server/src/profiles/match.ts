// Which profile applies to an entitlements file: one whose application-identifier covers the
// target's bundle id; the newest unexpired one when several do. No bundle id → none (silent).
import type { WorkspaceFile } from '../workspace/files';
import type { Workspace } from '../workspace/workspace';
import { isExpired, profileOf, wildcardMatch, type ProvisioningProfile } from './profile';

export interface AppliedProfile {
  file: WorkspaceFile;
  profile: ProvisioningProfile;
  /** How many profiles applied (the message says which one was chosen when more than one). */
  candidates: number;
}

export function profileForEntitlements(workspace: Workspace, file: WorkspaceFile, now = new Date()): AppliedProfile | undefined {
  const product = workspace.productOf(file);
  if (!product?.bundleIds.length) return undefined;
  const candidates: AppliedProfile[] = [];
  for (const f of workspace.filesOfKind('profile')) {
    const result = profileOf(f);
    if (!result.ok) continue;
    if (product.bundleIds.some((id) => wildcardMatch(result.profile.bundleIdPattern, id))) candidates.push({ file: f, profile: result.profile, candidates: 0 });
  }
  if (!candidates.length) return undefined;
  const time = (p: ProvisioningProfile) => (p.creationDate ?? p.expirationDate ?? new Date(0)).getTime();
  candidates.sort((a, b) => Number(isExpired(a.profile, now)) - Number(isExpired(b.profile, now)) || time(b.profile) - time(a.profile));
  return { ...candidates[0]!, candidates: candidates.length };
}
