import { profileOf } from '../../profiles';
import type { Rule } from '../types';

export const profileUnreadable: Rule = {
  meta: {
    id: 'profile-unreadable',
    defaultSeverity: 'error',
    appliesTo: ['profile'],
    fixable: false,
    docs: {
      summary: 'A `.provisionprofile`/`.mobileprovision` that is not a CMS envelope, is truncated, or holds no plist.',
      what: 'Reports a provisioning profile file whose CMS (PKCS#7) SignedData envelope cannot be read, is cut short, or does not carry an XML plist with an `Entitlements` dictionary. The diagnostic sits on the profile file.',
      why: 'Xcode and `codesign` reject such a file with errors that rarely name it; a profile damaged by a download, a text-mode copy or a merge hides the real cause of a signing failure, and the entitlement checks cannot use it.',
      example: 'A profile saved by a browser as HTML, or copied through a tool that changed line endings.',
      fix: 'Download the profile again from the developer portal (or let Xcode do it), and replace the file.',
    },
  },
  check({ file, report }) {
    const result = profileOf(file);
    if (result.ok) return;
    report({ start: 0, end: 0, message: `This provisioning profile cannot be read: ${result.error}. Download it again from the developer portal (or let Xcode manage signing) and replace the file.` });
  },
};
