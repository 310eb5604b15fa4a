// The entitlement rules on the real public DEXT files of ../shared/corpus: exactly the findings
// judged right against driverkit.md, file by file, and nothing else (a rule that fires on a correct
// real file is a bug; re-judged against Apple's primary sources, issue #15). Each repository is checked twice: as its corpus folder (files flattened into
// one folder, as the CLI would see it) and rebuilt with its real folders from MANIFEST.md.
import assert from 'node:assert/strict';
import { basename } from 'node:path';
import { test } from 'node:test';
import { walkFiles } from '../../../server/src/workspace/scan';
import { listCorpusRepos } from '../../helpers/corpus';
import { SHARED_SKIP } from '../../helpers/shared';
import { diagnosticsOf, workspaceFromFolder } from '../../helpers/workspace';
import { ENTITLEMENT_RULE_IDS } from './helpers';
import { workspaceWithRepoLayout } from './corpus-layout';
import { needsShared, sharedTests } from '../../helpers/shared';

type Finding = [code: string, line: number, column: number, severity: string];

/** By corpus file (repository folder / file); files not listed must have no finding. */
const EXPECTED: Record<string, Finding[]> = {
  // Development value `*` (§2, failure story 1): information, correct for a development build.
  'M-Cortana__USBDriverKit-Example/xCode Project__NullUSBDriver__NullUSBDriver.entitlements': [['development-entitlement', 13, 13, 'information']],
  'jquirke__AQC111Driver/AQC111__AQC111__AQC111Driver.entitlements': [['development-entitlement', 13, 4, 'information']],
  'jquirke__AQC111Driver/AQC111__AQC111__AQC111Driver_full.entitlements': [['development-entitlement', 11, 4, 'information']],
  // No com.apple.developer.driverkit, the 2019 boolean transport (warning), an app-sandbox key in a
  // dext: a warning, since only Apple DTS forum answers say it breaks the signature.
  'fatbaby614__DriverKitLoad/dk1__dk1.entitlements': [
    ['dext-missing-driverkit', 4, 1, 'error'],
    ['transport-shape', 6, 2, 'warning'],
    ['dext-forbidden-entitlement', 7, 2, 'warning'],
  ],
  // `system-extension.uninstall` is no documented entitlement: `install` covers deactivation (Apple docs).
  'fatbaby614__DriverKitLoad/dkload1__dkload1.entitlements': [['entitlement-unknown', 7, 2, 'warning']],
  'fatbaby614__DriverKitLoad/dkload1_swift__dkload1_swift.entitlements': [['entitlement-unknown', 5, 2, 'warning']],
  'knightsc__USBApp/USBApp__USBApp.entitlements': [['entitlement-unknown', 7, 9, 'warning']],
  // The Debug dext entitlements lack transport.usb while the personalities match IOUSBHostInterface (§6).
  'khallmark__ds4mac/Sources__DS4Driver__DS4Driver-Debug.entitlements': [['dext-missing-transport', 4, 1, 'error']],
  // userclient-access (an app key) in the dext, listing the app's own id (§6).
  'khallmark__ds4mac/Sources__DS4Driver__DS4Driver-Release.entitlements': [['entitlement-wrong-side', 26, 2, 'warning']],
  // transport.usb / transport.pci as <true/> (§6): warning, legacy form.
  'knightsc__USBApp/MyUserUSBInterfaceDriver__MyUserUSBInterfaceDriver.entitlements': [['transport-shape', 8, 2, 'warning']],
  'mrmidi__ASFireWire/ASFWDriver__ASFWDriver.entitlements': [['transport-shape', 8, 3, 'warning']],
  'onewaydsp__NumarkNS7-DriverKit/NumarkNS7Driver__NumarkNS7Driver.entitlements': [
    ['transport-shape', 26, 5, 'warning'],
    ['entitlement-wrong-side', 30, 5, 'warning'],
    // allow-any-userclient-access <false/>: the kernel tests presence only (xnu IOUserServer.cpp:4770), so any app may connect.
    ['entitlement-false-still-grants', 37, 5, 'warning'],
  ],
  // family.hid.virtual.device has no function (Apple forum) but Apple's Developer ID profile for
  // this dext grants it: information only (the profile is not matched to this target here).
  'pqrs-org__Karabiner-DriverKit-VirtualHIDDevice/src__DriverKit__entitlements.plist': [['dext-forbidden-entitlement', 15, 5, 'information']],
};

/**
 * In the flattened corpus folders the pqrs files are named `src__DriverKit__entitlements.plist`:
 * not an entitlements file name, so the workspace reads them as plain plists (the real
 * `entitlements.plist` is recognised, as the rebuilt layout shows).
 */
const FLAT_NOT_ENTITLEMENTS = new Set(['pqrs-org__Karabiner-DriverKit-VirtualHIDDevice/src__DriverKit__entitlements.plist']);

const findings = (list: ReturnType<typeof diagnosticsOf>): Finding[] =>
  list.filter((d) => ENTITLEMENT_RULE_IDS.includes(d.code)).map((d) => [d.code, d.range.start.line + 1, d.range.start.character + 1, d.severity]);

sharedTests('corpus: exactly the judged entitlement findings', () => {
  for (const repo of listCorpusRepos()) {
    const name = basename(repo);
    test(`corpus ${name} (real folders): exactly the judged findings`, () => {
      const { workspace, pathOf } = workspaceWithRepoLayout(repo);
      assert.ok(pathOf.size > 0, 'MANIFEST.md lists the repository');
      for (const [file, virtual] of pathOf) {
        assert.deepEqual(findings(diagnosticsOf(workspace, virtual)), EXPECTED[`${name}/${file}`] ?? [], `${name}/${file}`);
      }
    });
    test(`corpus ${name} (flat folder): the same findings`, () => {
      const workspace = workspaceFromFolder(repo);
      for (const path of walkFiles(repo)) {
        const key = `${name}/${basename(path)}`;
        const want = FLAT_NOT_ENTITLEMENTS.has(key) ? [] : (EXPECTED[key] ?? []);
        assert.deepEqual(findings(diagnosticsOf(workspace, path)), want, key);
      }
    });
  }
});

test('every expected corpus finding names a real corpus file', needsShared, () => {
  const all = new Set(listCorpusRepos().flatMap((r) => walkFiles(r).map((p) => `${basename(r)}/${basename(p)}`)));
  for (const key of Object.keys(EXPECTED)) assert.ok(all.has(key), key);
});
