import { profileOf } from '../../profiles';
import type { Rule } from '../types';

export const profileUnreadable: Rule = {
  meta: {
    id: 'profile-unreadable',
    defaultSeverity: 'error',
    appliesTo: ['profile'],
    fixable: false,
    sources: [
      { ref: "https://developer.apple.com/documentation/technotes/tn3125-inside-code-signing-provisioning-profiles (a profile is a CMS-signed property list)", primary: true },
    ],
    docs: {
      summary: 'A `.provisionprofile`/`.mobileprovision` that is not a CMS envelope, is truncated, or holds no plist.',
      what: 'Reports a provisioning profile whose CMS (PKCS#7) SignedData envelope cannot be read (not DER/BER, not SignedData, no encapsulated content), is cut short, or does not carry an XML plist with an `Entitlements` dictionary. The message says which. The diagnostic sits at the start of the profile file. The signature is not verified.',
      why: 'Xcode and `codesign` reject such a file with errors that rarely name it; a profile damaged by a download (an HTML error page saved under the profile’s name), a text-mode copy or a merge hides the real cause of a signing failure, and the entitlement checks cannot use it.',
      example: 'A `.mobileprovision` that is really the portal’s login page, or one cut short by an interrupted download.',
      fix: 'Download the profile again from the developer portal (or let Xcode manage signing), and replace the file.',
    },
  },
  check({ file, report }) {
    const result = profileOf(file);
    if (result.ok) return;
    report({ start: 0, end: 0, message: `This provisioning profile cannot be read: ${result.error}. Download it again from the developer portal (or let Xcode manage signing) and replace the file.` });
  },
};
