// Where provisioning profiles come from besides the workspace: the `profiles` paths of the config
// (`.dextlintrc.json` / `dext.profiles`) and, on macOS, the folders Xcode downloads them to.
import { homedir, platform } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { loadProfilesFrom } from './sources';
import type { LanguageService } from '../service';
import { pathToUri } from '../workspace/uri';
import type { Workspace } from '../workspace/workspace';

export function defaultProfileFolders(): string[] {
  if (platform() !== 'darwin') return [];
  return [
    join(homedir(), 'Library/Developer/Xcode/UserData/Provisioning Profiles'),
    join(homedir(), 'Library/MobileDevice/Provisioning Profiles'),
  ];
}

/** Adds the configured profiles (paths relative to the first root) and Xcode's to the workspace. */
export function loadConfiguredProfiles(workspace: Workspace, service: LanguageService, roots: string[]): void {
  const base = roots[0];
  const configured = base ? service.configFor(pathToUri(join(base, '.dextlintrc.json'))).profiles : [];
  const paths = configured.map((p) => (isAbsolute(p) || !base ? p : join(base, p)));
  loadProfilesFrom([...paths, ...defaultProfileFolders()], workspace);
}
