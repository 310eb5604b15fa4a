// Shared by the personality tests: a dext Info.plist built from personality fragments, validation
// restricted to the personality rules, and "apply the fix and re-validate".
import assert from 'node:assert/strict';
import { personalityRules } from '../../../server/src/rules/personalities';
import type { DextDiagnostic } from '../../../server/src/types';
import { applyFixAndRecheck } from '../../helpers/fixes';
import { diagnosticsOf, workspaceFromFiles } from '../../helpers/workspace';

export const personalityIds = new Set(personalityRules.map((r) => r.meta.id));

export const USAGE = '\t<key>OSBundleUsageDescription</key>\n\t<string>Drives the device.</string>\n';

/** One personality line: `\t\t\t<key>K</key>\n\t\t\t<value>\n`. */
export const K = (key: string, value: string) => `\t\t\t<key>${key}</key>\n\t\t\t${value}\n`;

/** A dext Info.plist with personalities `{ name: body }` and top-level extras (default: a usage description). */
export function info(personalities: Record<string, string>, top = USAGE): string {
  const list = Object.entries(personalities).map(([name, body]) => `\t\t<key>${name}</key>\n\t\t<dict>\n${body}\t\t</dict>\n`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0">\n<dict>\n${top}\t<key>IOKitPersonalities</key>\n\t<dict>\n${list}\t</dict>\n</dict>\n</plist>\n`;
}

/** The dext half and the kernel class, for a personality of class `Driver`. */
export const BASE = K('CFBundleIdentifier', '<string>com.example.driver</string>') + K('IOClass', '<string>IOUserService</string>') + K('IOUserClass', '<string>Driver</string>') + K('IOUserServerName', '<string>com.example.driver</string>');
export const USB_INTERFACE = K('IOProviderClass', '<string>IOUSBHostInterface</string>') + K('idVendor', '<integer>1452</integer>') + K('idProduct', '<integer>4660</integer>') + K('bInterfaceNumber', '<integer>0</integer>') + K('bConfigurationValue', '<integer>1</integer>');
export const PCI = K('IOProviderClass', '<string>IOPCIDevice</string>') + K('IOPCIPrimaryMatch', '<string>0x12345678</string>') + K('IOPCITunnelCompatible', '<true/>');

export const INFO_PATH = '/w/Driver/Info.plist';

/** A driverkit target `Driver` with bundle id `bundleId` (Info.plist Driver/Info.plist). */
export function project(bundleId = 'com.example.driver', extra = ''): Record<string, string> {
  const settings = `${bundleId ? `PRODUCT_BUNDLE_IDENTIFIER = "${bundleId}"; ` : ''}INFOPLIST_FILE = Driver/Info.plist; SDKROOT = driverkit; ${extra}`;
  return {
    '/w/D.xcodeproj/project.pbxproj': `// !$*UTF8*$!\n{ objects = { R = { isa = PBXProject; targets = (T); buildConfigurationList = L0; }; L0 = { isa = XCConfigurationList; buildConfigurations = (); }; T = { isa = PBXNativeTarget; name = Driver; productType = "com.apple.product-type.driver-extension"; buildConfigurationList = L; }; L = { isa = XCConfigurationList; buildConfigurations = (C); }; C = { isa = XCBuildConfiguration; name = Release; buildSettings = { ${settings} }; }; }; rootObject = R; }\n`,
  };
}

/** The personality-rule diagnostics of the Info.plist, with other files of the workspace. */
export function check(text: string, extra: Record<string, string> = {}): DextDiagnostic[] {
  const ws = workspaceFromFiles({ [INFO_PATH]: text, ...extra });
  return diagnosticsOf(ws, INFO_PATH).filter((d) => personalityIds.has(d.code));
}

export const codes = (text: string, extra: Record<string, string> = {}) => check(text, extra).map((d) => d.code);

export function only(text: string, code: string, extra: Record<string, string> = {}): DextDiagnostic[] {
  return check(text, extra).filter((d) => d.code === code);
}

/**
 * Applies the diagnostic's fix (the first, or the one titled `title`): the fixed file parses, the
 * diagnostic is gone, no other diagnostic appears (of any rule), and the text outside the edits is
 * unchanged. Returns the fixed text.
 */
export function assertFixClears(text: string, code: string, extra: Record<string, string> = {}, title?: RegExp): string {
  const ws = workspaceFromFiles({ [INFO_PATH]: text, ...extra });
  const d = diagnosticsOf(ws, INFO_PATH).find((x) => x.code === code);
  assert.ok(d, `${code} fires`);
  return applyFixAndRecheck(ws, INFO_PATH, d, { fix: title ?? 0, noNew: 'diagnostic' });
}
