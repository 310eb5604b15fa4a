// Where Xcode keeps the provisioning profiles it downloads (macOS), read besides the workspace and
// the configured `profiles` paths.
import { homedir, platform } from 'node:os';
import { join } from 'node:path';

export function defaultProfileFolders(): string[] {
  if (platform() !== 'darwin') return [];
  return [
    join(homedir(), 'Library/Developer/Xcode/UserData/Provisioning Profiles'),
    join(homedir(), 'Library/MobileDevice/Provisioning Profiles'),
  ];
}
