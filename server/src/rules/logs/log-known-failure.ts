// A DriverKit log line (or an error code in a log) that means a known failure: explained in the
// message, with the configuration at fault as related information (and as code actions, in
// features/logs).
import { logFindings } from '../../explain/recognise';
import { locateTargets } from '../../explain/targets';
import type { Finding } from '../../explain/types';
import type { Rule } from '../types';

/** Related locations per diagnostic: the Problems view lists them under the line. */
const MAX_RELATED = 5;

export function findingMessage(f: Finding): string {
  const rules = f.rules.length ? ` Checked by: ${f.rules.join(', ')}.` : '';
  const cause = f.causes.length ? ` Likely: ${f.causes[0]}` : '';
  const verify = f.verify ? ' (verify)' : '';
  return `${f.title}${verify}. ${f.summary}${cause}${rules}`;
}

export const logKnownFailure: Rule = {
  meta: {
    id: 'log-known-failure',
    defaultSeverity: 'information',
    appliesTo: ['log'],
    fixable: false,
    sources: [
      { ref: "apple-oss-distributions/xnu@e3723e1f:iokit/IOKit/IOReturn.h:136-198 (codes)", primary: true },
      { ref: "https://developer.apple.com/documentation/systemextensions/ossystemextensionerror/code", primary: true },
    ],
    docs: {
      summary: 'A log line that matches a known DriverKit failure, or an IOReturn / OSSystemExtensionError code, explained.',
      what:
        'In `.log` files and text pasted into a "DriverKit Log" document, reports every line that matches a known DriverKit failure (kernel `DK:` entitlement and user-client checks, the `queue->OnQueue()` assertion, crash loops, `systemextensionsctl list` states, Xcode signing errors) and every IOReturn or OSSystemExtensionError code, in any printed form (`0xE00002E2`, `-536870174`, `3758097122`, `kIOReturnNotPermitted`, `(iokit/common) not permitted`, `OSSystemExtensionErrorDomain error 2`). The message says what it means and which of our rules check the configuration behind it; related information and code actions open that configuration.',
      why:
        'Much of what goes wrong with a dext is visible only in kernel logs and error numbers, and forum posts often mislabel them: `-536870212` is `kIOReturnError`, `-536870201` is `kIOReturnUnsupported`. The line that matters (e.g. "needed bundle ID …") names the exact entitlement entry to fix.',
      example:
        '```\nkernel: (IOKit) DK: ExampleDriver-0x100000b21:UC failed userclient-access check, needed bundle ID com.example.ExampleDriver\n```\nThe host app\'s `com.apple.developer.driverkit.userclient-access` does not grant `com.example.ExampleDriver`; the code action opens that entry in the app\'s entitlements.',
      fix: 'Nothing to change in the log. Use the code actions ("Open …") to go to the configuration at fault, and fix it there; the rules named in the message report the same problem on that file.',
      examples: {
        invalid: [{ files: { 'Logs/driver.log': '2026-11-24 10:42:07.123 kernel: (IOKit) DK: ExampleDriver-0x100000b21:UC failed userclient-access check, needed bundle ID com.example.ExampleDriver\n' } }],
        valid: [{ files: { 'Logs/driver.log': '2026-11-24 10:42:07.123 kernel: (IOKit) ExampleDriver: Start\n' } }],
      },
    },
  },
  check(context) {
    const { file, workspace } = context;
    for (const finding of logFindings(file)) {
      const related = locateTargets(workspace, finding.targets)
        .slice(0, MAX_RELATED)
        .map((l) => ({ uri: l.uri, start: l.start, end: l.end, message: l.title }));
      context.report({ start: finding.start, end: finding.end, message: findingMessage(finding), ...(related.length ? { related } : {}) });
    }
  },
};
