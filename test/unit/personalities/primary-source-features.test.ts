// Hover and personality-unknown-key for the keys added from primary-sources.md §4 (M19: keys Apple's
// kernel and families read; M15: who must hold IOServiceDEXTEntitlements, by where it is written).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { personalitySchema } from '../../../server/src/knowledge/personalities';
import { getLanguageService } from '../../../server/src/service';
import { pathToUri } from '../../../server/src/workspace/uri';
import { workspaceFromFiles } from '../../helpers/workspace';
import { BASE, K, PCI, codes, info } from './helpers';

const M19 = ['IOPCIPauseCompatible', 'IOUserServerPreserveUserspaceReboot', 'IOMatchDefer', 'IOPropertyExistsMatch', 'IOPathMatch', 'IOLocationMatch', 'IOMatchedServiceCountMatch'];
const path = '/h/Driver/Info.plist';
const uri = pathToUri(path);

function hoverAt(text: string, needle: string, delta = 6, from = 0): string | undefined {
  const i = text.indexOf(needle, from);
  assert.ok(i >= 0, needle);
  const before = text.slice(0, i + delta).split('\n');
  return getLanguageService(workspaceFromFiles({ [path]: text })).doHover(uri, { line: before.length - 1, character: before[before.length - 1]!.length })?.contents;
}

test('M19: the keys Apple uses are known personality keys with a primary source; OSBundleRequired is a documented top-level key', () => {
  const schema = personalitySchema();
  for (const key of M19) {
    const spec = schema.byKey.get(key);
    assert.ok(spec, key);
    assert.equal(spec.confidence, 'primary', key);
    assert.match(spec.source, /apple-oss-distributions\//, key);
  }
  const required = schema.bundleKeys.find((k) => k.key === 'OSBundleRequired');
  assert.ok(required);
  assert.equal(required.confidence, 'observed');
});

test('M19: Apple’s own keys in a personality are clean (no near-miss rename) and have a hover', () => {
  const keys = K('IOPCIPauseCompatible', '<true/>') + K('IOUserServerPreserveUserspaceReboot', '<true/>') + K('IOMatchDefer', '<true/>') + K('IOPropertyExistsMatch', '<string>ASFWNubType</string>') + K('IOPathMatch', '<string>IOService:/AppleARMPE</string>') + K('IOLocationMatch', '<string>0</string>') + K('IOMatchedServiceCountMatch', '<integer>0</integer>');
  const text = info({ P: BASE + PCI + keys }, '\t<key>OSBundleRequired</key>\n\t<string>Root</string>\n\t<key>OSBundleUsageDescription</key>\n\t<string>Drives the device.</string>\n');
  assert.deepEqual(codes(text), []);
  assert.match(hoverAt(text, '<key>IOPCIPauseCompatible')!, /\*\*IOPCIPauseCompatible\*\* \(`boolean` — PCI matching key\)[\s\S]*relocate its PCI resources[\s\S]*IOPCIFamilyDefinitions\.h:106/);
  assert.match(hoverAt(text, '<key>IOMatchedServiceCountMatch')!, /exactly this many active clients/);
  assert.match(hoverAt(text, '<key>IOUserServerPreserveUserspaceReboot')!, /survive a userspace reboot/);
  assert.match(hoverAt(text, '<key>OSBundleRequired')!, /\*\*OSBundleRequired\*\*[\s\S]*needed during boot/);
  // A near miss of a new key is now caught.
  assert.deepEqual(codes(info({ P: BASE + PCI + K('IOPCIPauseCompatable', '<true/>') })), ['personality-unknown-key']);
});

test('M15: hover on IOServiceDEXTEntitlements says who must hold the entitlements, by where it is written', () => {
  const uc = K('UserClientProperties', '<dict>\n\t\t\t\t<key>IOClass</key>\n\t\t\t\t<string>IOUserUserClient</string>\n\t\t\t\t<key>IOServiceDEXTEntitlements</key>\n\t\t\t\t<string>com.example.client</string>\n\t\t\t</dict>');
  const text = info({ P: BASE + PCI + K('IOServiceDEXTEntitlements', '<string>com.example.dext</string>') + uc });
  const top = hoverAt(text, '<key>IOServiceDEXTEntitlements')!;
  assert.match(top, /at the personality’s top level[\s\S]*against \*\*the dext itself\*\*[\s\S]*family entitlements check failed/);
  const nested = hoverAt(text, '<key>IOServiceDEXTEntitlements', 6, text.indexOf('<key>UserClientProperties'))!;
  assert.match(nested, /in the user client’s properties[\s\S]*against \*\*the app\*\* opening the user client[\s\S]*kIOReturnNotPermitted/);
  assert.doesNotMatch(nested, /the dext itself/);
});
