// The personality rules: firing and clean cases, each quick fix applied and re-validated, and
// exactly what they report on the real corpus.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { join } from 'node:path';
import { personalityRules } from '../../../server/src/rules/personalities';
import { parsePlist } from '../../../server/src/plist';
import { applyEdits, diagnosticsOf, workspaceFromFiles, workspaceFromFolder } from '../../helpers/workspace';
import { corpusDir } from '../../helpers/corpus';

const ids = new Set(personalityRules.map((r) => r.meta.id));
const INFO = (personality: string, top = '\t<key>OSBundleUsageDescription</key>\n\t<string>Drives the device.</string>\n') =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0">\n<dict>\n${top}\t<key>IOKitPersonalities</key>\n\t<dict>\n\t\t<key>P</key>\n\t\t<dict>\n${personality}\t\t</dict>\n\t</dict>\n</dict>\n</plist>\n`;
const K = (key: string, value: string) => `\t\t\t<key>${key}</key>\n\t\t\t${value}\n`;
const BASE = K('CFBundleIdentifier', '<string>com.example.driver</string>') + K('IOClass', '<string>IOUserService</string>') + K('IOUserClass', '<string>Driver</string>') + K('IOUserServerName', '<string>com.example.driver</string>');
const USB_IF = K('IOProviderClass', '<string>IOUSBHostInterface</string>') + K('idVendor', '<integer>1452</integer>') + K('idProduct', '<integer>4660</integer>') + K('bInterfaceNumber', '<integer>0</integer>') + K('bConfigurationValue', '<integer>1</integer>');

function check(text: string, extra: Record<string, string> = {}) {
  const path = '/w/Driver/Info.plist';
  const ws = workspaceFromFiles({ [path]: text, ...extra });
  const all = diagnosticsOf(ws, path);
  return { ws, path, diagnostics: all.filter((d) => ids.has(d.code)) };
}

/** Applies a diagnostic's first fix; the diagnostic must be gone and the plist still parse. */
function assertFixClears(text: string, code: string, extra: Record<string, string> = {}) {
  const { diagnostics } = check(text, extra);
  const d = diagnostics.find((x) => x.code === code);
  assert.ok(d, `${code} fires`);
  assert.ok(d.fixes.length, `${code} has a fix`);
  const fixed = applyEdits(text, d.fixes[0]!.edits);
  assert.deepEqual(parsePlist(fixed).problems, [], `${code}: the fixed plist parses`);
  const after = check(fixed, extra).diagnostics;
  assert.ok(!after.some((x) => x.code === code && x.message === d.message), `${code} is gone after its fix:\n${fixed}`);
  return fixed;
}

test('a complete USB interface personality is clean', () => {
  assert.deepEqual(check(INFO(BASE + USB_IF)).diagnostics.map((d) => d.code), []);
});

test('personality-missing-key, with the IOUserServerName fix', () => {
  const text = INFO(K('IOProviderClass', '<string>IOUSBHostDevice</string>') + K('IOClass', '<string>IOUserService</string>') + K('IOUserClass', '<string>Driver</string>') + K('idVendor', '<integer>1</integer>') + K('idProduct', '<integer>2</integer>'));
  const d = check(text).diagnostics.filter((x) => x.code === 'personality-missing-key');
  assert.equal(d.length, 1);
  assert.match(d[0]!.message, /no IOUserServerName/);
  assert.match(assertFixClears(text, 'personality-missing-key'), /<key>IOUserServerName<\/key>\n\t\t\t<string>\$\(PRODUCT_BUNDLE_IDENTIFIER\)<\/string>/);
});

test('personality-key-type converts numeric strings; personality-unknown-key renames near misses', () => {
  const text = INFO(BASE + USB_IF.replace('<integer>1452</integer>', '<string>0x5ac</string>') + K('IOUserServername', '<string>x</string>'));
  const codes = check(text).diagnostics.map((d) => d.code);
  assert.ok(codes.includes('personality-key-type') && codes.includes('personality-unknown-key'), codes.join());
  assert.match(assertFixClears(text, 'personality-key-type'), /<integer>0x5ac<\/integer>/);
  assert.match(assertFixClears(text, 'personality-unknown-key'), /<key>IOUserServerName<\/key>\n\t\t\t<string>x/);
});

test('IOMatchCategory: on hardware (with IOResourceMatch debris) vs missing on IOUserResources; deliberate uses are silent', () => {
  const debris = INFO(BASE + USB_IF + K('IOMatchCategory', '<string>x</string>') + K('IOResourceMatch', '<string>IOKit</string>'));
  const d = check(debris).diagnostics.find((x) => x.code === 'iomatchcategory-non-resources')!;
  assert.match(d.message, /IOResourceMatch/);
  const fixed = assertFixClears(debris, 'iomatchcategory-non-resources');
  assert.ok(!fixed.includes('IOResourceMatch') && !fixed.includes('IOMatchCategory'));
  const resources = INFO(BASE + K('IOProviderClass', '<string>IOUserResources</string>') + K('IOResourceMatch', '<string>IOKit</string>'));
  assert.match(assertFixClears(resources, 'iomatchcategory-missing'), /<key>IOMatchCategory<\/key>\n\t\t\t<string>IOUserService<\/string>/);
  // Two personalities on one PCI device, one in its own category.
  const two = INFO(BASE + K('IOProviderClass', '<string>IOPCIDevice</string>') + K('IOPCITunnelCompatible', '<true/>') + K('IOMatchCategory', '<string>second</string>')).replace('\t\t<key>P</key>', `\t\t<key>First</key>\n\t\t<dict>\n${BASE}${K('IOProviderClass', '<string>IOPCIDevice</string>')}${K('IOPCITunnelCompatible', '<true/>')}\t\t</dict>\n\t\t<key>P</key>`);
  assert.deepEqual(check(two).diagnostics.map((x) => x.code), []);
});

test('userserver-name-mismatch: the template value without a project; the resolved value with one', () => {
  const template = INFO(BASE.replace('<string>com.example.driver</string>\n', '<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n').replace(K('IOUserServerName', '<string>com.example.driver</string>'), K('IOUserServerName', '<string>com.apple.null.driver</string>')) + USB_IF);
  assert.match(assertFixClears(template, 'userserver-name-mismatch'), /<key>IOUserServerName<\/key>\n\t\t\t<string>\$\(PRODUCT_BUNDLE_IDENTIFIER\)<\/string>/);
  const hardcoded = INFO(BASE.replace(K('IOUserServerName', '<string>com.example.driver</string>'), K('IOUserServerName', '<string>com.example.old</string>')) + USB_IF);
  assert.deepEqual(check(hardcoded).diagnostics.filter((d) => d.code === 'userserver-name-mismatch'), [], 'no project: silent');
  const pbx = '{ objects = { R = { isa = PBXProject; targets = (T); buildConfigurationList = L0; }; L0 = { buildConfigurations = (); }; T = { isa = PBXNativeTarget; name = Driver; productType = "com.apple.product-type.driver-extension"; buildConfigurationList = L; }; L = { buildConfigurations = (C); }; C = { name = Release; buildSettings = { PRODUCT_BUNDLE_IDENTIFIER = com.example.driver; INFOPLIST_FILE = Driver/Info.plist; SDKROOT = driverkit; }; }; }; rootObject = R; }';
  const withProject = check(hardcoded, { '/w/D.xcodeproj/project.pbxproj': pbx }).diagnostics.filter((d) => d.code === 'userserver-name-mismatch');
  assert.equal(withProject.length, 1);
  assert.match(withProject[0]!.message, /'com\.example\.old', but the dext target Driver has bundle id 'com\.example\.driver'/);
});

test('user-class-unknown and ioclass-family-mismatch read the .iig class model', () => {
  const iig = { '/w/Driver/Driver.iig': 'class Driver : public IOUserSCSIParallelInterfaceController { public: virtual kern_return_t Start(IOService * provider) override; };' };
  const wrongClass = INFO(BASE.replace('<string>Driver</string>', '<string>Drivr</string>') + K('IOProviderClass', '<string>IOPCIDevice</string>') + K('IOPCITunnelCompatible', '<true/>'));
  assert.match(assertFixClears(wrongClass, 'user-class-unknown', iig), /<string>Driver<\/string>/);
  const family = INFO(BASE + K('IOProviderClass', '<string>IOPCIDevice</string>') + K('IOPCITunnelCompatible', '<true/>') + K('CFBundleIdentifierKernel', '<string>com.apple.iokit.IOSCSIParallelFamily</string>'));
  const d = check(family, iig).diagnostics.find((x) => x.code === 'ioclass-family-mismatch')!;
  assert.equal(d.severity, 'error');
  assert.match(assertFixClears(family, 'ioclass-family-mismatch', iig), /<string>IOUserSCSIParallelInterfaceController<\/string>/);
  const hid = INFO(BASE.replace('<string>IOUserService</string>', '<string>IOUserHIDEventService</string>') + K('IOProviderClass', '<string>IOHIDInterface</string>'));
  assert.match(assertFixClears(hid, 'ioclass-family-mismatch'), /AppleUserHIDEventService/);
});

test('usb-matching-incomplete, usb-probe-score, one-process-false, system-added-key, pci-tunnel-compatible, kernel-bundle-mismatch', () => {
  const incomplete = INFO(BASE + K('IOProviderClass', '<string>IOUSBHostInterface</string>') + K('idVendor', '<integer>1452</integer>') + K('idProduct', '<integer>4660</integer>'));
  assert.match(assertFixClears(incomplete, 'usb-matching-incomplete'), /<key>bInterfaceNumber<\/key>\n\t\t\t<integer>0<\/integer>\n\t\t\t<key>bConfigurationValue<\/key>\n\t\t\t<integer>1<\/integer>/);
  assertFixClears(INFO(BASE + USB_IF + K('IOProbeScore', '<integer>1000</integer>')), 'usb-probe-score');
  assertFixClears(INFO(BASE + USB_IF + K('IOUserServerOneProcess', '<false/>')), 'one-process-false');
  assertFixClears(INFO(BASE + USB_IF + K('IOUserServerCDHash', '<string>abc</string>')), 'system-added-key');
  const pci = INFO(BASE + K('IOProviderClass', '<string>IOPCIDevice</string>') + K('IOPCIMatch', '<string>0x12345678</string>'));
  assert.equal(check(pci).diagnostics.find((d) => d.code === 'pci-tunnel-compatible')!.severity, 'information');
  assertFixClears(pci, 'pci-tunnel-compatible');
  const net = INFO(BASE.replace('<string>IOUserService</string>', '<string>IOUserNetworkEthernet</string>') + USB_IF + K('CFBundleIdentifierKernel', '<string>com.apple.kpi.iokit</string>'));
  assert.match(assertFixClears(net, 'kernel-bundle-mismatch'), /com\.apple\.iokit\.IOSkywalkFamily/);
});

test('missing-usage-description names one misplaced in a personality; dext-no-personalities for a driverkit target', () => {
  const misplaced = INFO(BASE + USB_IF + K('OSBundleUsageDescription', '<string>x</string>'), '');
  assert.match(check(misplaced).diagnostics.find((d) => d.code === 'missing-usage-description')!.message, /personality 'P'/);
  assertFixClears(misplaced, 'missing-usage-description');
  const pbx = '{ objects = { R = { isa = PBXProject; targets = (T); buildConfigurationList = L0; }; L0 = { buildConfigurations = (); }; T = { isa = PBXNativeTarget; name = Driver; productType = "com.apple.product-type.driver-extension"; buildConfigurationList = L; }; L = { buildConfigurations = (C); }; C = { name = Release; buildSettings = { INFOPLIST_FILE = Driver/Info.plist; SDKROOT = driverkit; }; }; }; rootObject = R; }';
  const empty = '<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0">\n<dict>\n\t<key>OSBundleUsageDescription</key>\n\t<string>x</string>\n</dict>\n</plist>\n';
  assert.deepEqual(check(empty, { '/w/D.xcodeproj/project.pbxproj': pbx }).diagnostics.map((d) => d.code), ['dext-no-personalities']);
});

test('the real corpus: exactly these findings, each checked against driverkit.md', () => {
  const found: string[] = [];
  for (const repo of ['DanBurkhardt__DriverKitUserClientSample', 'M-Cortana__USBDriverKit-Example', 'PrathameshWalunj__NetworkDriverKit_MacOS', 'fatbaby614__DriverKitLoad', 'jos235__USBApp-updated', 'jquirke__AQC111Driver', 'khallmark__ds4mac', 'knightsc__USBApp', 'mrmidi__ASFireWire', 'onewaydsp__NumarkNS7-DriverKit', 'pqrs-org__Karabiner-DriverKit-VirtualHIDDevice']) {
    const folder = join(corpusDir, repo);
    const ws = workspaceFromFolder(folder);
    for (const f of ws.filesOfKind('dext-info-plist')) {
      for (const d of diagnosticsOf(ws, f.path).filter((x) => ids.has(x.code))) found.push(`${repo}/${f.path.slice(folder.length + 1)}:${d.range.start.line + 1} ${d.code}`);
    }
  }
  assert.deepEqual(found.sort(), [
    // A stray Finder/Xcode copy without the required top-level key (§7: missing = activation error).
    'M-Cortana__USBDriverKit-Example/xCode Project__NullUSBDriver copy-Info.plist:4 missing-usage-description',
    // Template debris: IOMatchCategory on a USB interface (§3, §6).
    'M-Cortana__USBDriverKit-Example/xCode Project__NullUSBDriver__Info.plist:31 iomatchcategory-non-resources',
    // The template's com.apple.null.driver next to $(PRODUCT_BUNDLE_IDENTIFIER) (§6).
    'fatbaby614__DriverKitLoad/dk1__Info.plist:40 userserver-name-mismatch',
    // No top-level OSBundleUsageDescription (§7, H).
    'khallmark__ds4mac/Sources__DS4Driver__Info.plist:5 missing-usage-description',
    // idVendor + idProduct + bInterfaceNumber on IOUSBHostInterface without bConfigurationValue (§7 rows, H).
    'khallmark__ds4mac/Sources__DS4Driver__Info.plist:35 usb-matching-incomplete',
    'khallmark__ds4mac/Sources__DS4Driver__Info.plist:61 usb-matching-incomplete',
    'onewaydsp__NumarkNS7-DriverKit/NumarkNS7Driver__Info.plist:102 iomatchcategory-non-resources',
    'onewaydsp__NumarkNS7-DriverKit/NumarkNS7Driver__Info.plist:28 missing-usage-description',
    'onewaydsp__NumarkNS7-DriverKit/NumarkNS7Driver__Info.plist:78 personality-missing-key',
    'onewaydsp__NumarkNS7-DriverKit/NumarkNS7Driver__Info.plist:99 usb-probe-score',
  ].sort());
});
