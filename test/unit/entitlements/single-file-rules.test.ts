// The entitlement rules that read one file: firing and clean cases, exact ranges, and every quick
// fix applied and re-validated.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Workspace } from '../../../server/src/workspace/workspace';
import { pathToUri } from '../../../server/src/workspace/uri';
import { encodeBinaryPlist } from '../../helpers/bplist';
import { diagnosticsOf } from '../../helpers/workspace';
import { applyFix, dict, DRIVERKIT, ENTITLEMENT_RULE_IDS, run, single, textOf } from './helpers';

const DEXT = '/t/Driver/Driver.entitlements';
const APP = '/t/App/App.entitlements';

test('entitlement-unknown: a case typo under the DriverKit prefix, renamed by the fix', () => {
  const text = dict(DRIVERKIT, '<key>com.apple.developer.driverkit.transport.USB</key>\n<array>\n\t<dict>\n\t\t<key>idVendor</key>\n\t\t<string>*</string>\n\t</dict>\n</array>');
  const ws = single(DEXT, text);
  const [d, ...rest] = run(ws, DEXT, 'entitlement-unknown');
  assert.equal(rest.length, 0);
  assert.equal(d!.severity, 'warning');
  assert.equal(textOf(text, d!), '<key>com.apple.developer.driverkit.transport.USB</key>');
  assert.match(d!.message, /Did you mean 'com\.apple\.developer\.driverkit\.transport\.usb'/);
  const fixed = applyFix(ws, DEXT, d!);
  assert.ok(fixed.includes('<key>com.apple.developer.driverkit.transport.usb</key>'));
});

test('entitlement-unknown: unknown key under the prefix without a near known key: reported, no fix', () => {
  const ws = single(DEXT, dict(DRIVERKIT, '<key>com.apple.developer.driverkit.family.videocapture</key>\n<true/>'));
  const [d] = run(ws, DEXT, 'entitlement-unknown');
  assert.match(d!.message, /Unknown entitlement 'com\.apple\.developer\.driverkit\.family\.videocapture'/);
  assert.deepEqual(d!.fixes, []);
});

test('entitlement-unknown: a typo outside the prefixes; no rename onto a key already present', () => {
  const typoOnly = single(DEXT, dict('<key>com.apple.developr.driverkit</key>\n<true/>', '<key>com.apple.developer.driverkit.transport.hid</key>\n<true/>'));
  const [d] = run(typoOnly, DEXT, 'entitlement-unknown');
  assert.match(d!.message, /Did you mean 'com\.apple\.developer\.driverkit'\?/);
  applyFix(typoOnly, DEXT, d!);

  const both = single(DEXT, dict(DRIVERKIT, '<key>com.apple.developr.driverkit</key>\n<true/>'));
  const [e] = run(both, DEXT, 'entitlement-unknown');
  assert.match(e!.message, /which the file already has: remove this one/);
  assert.deepEqual(e!.fixes, [], 'renaming would duplicate the key');
});

test('entitlement-unknown: system-extension.uninstall is named as not a documented entitlement and removed by the fix', () => {
  const ws = single(APP, dict('<key>com.apple.developer.system-extension.install</key>\n<true/>', '<key>com.apple.developer.system-extension.uninstall</key>\n<true/>'));
  const [d] = run(ws, APP, 'entitlement-unknown');
  assert.match(d!.message, /is not a documented entitlement\. Apple documents no entitlement by this name.*install' covers both activation and deactivation/);
  assert.doesNotMatch(d!.message, /no such entitlement|absent from every/, 'non-existence is not provable: the audit keeps "not documented"');
  const fixed = applyFix(ws, APP, d!);
  assert.ok(!fixed.includes('uninstall') && fixed.includes('system-extension.install'));
});

test('entitlement-unknown: keys of other areas and far from every known key are left alone', () => {
  const ws = single(APP, dict(
    '<key>com.apple.security.files.user-selected.read-only</key>\n<true/>',
    '<key>com.apple.application-identifier</key>\n<string>TEAM.com.example.app</string>',
    '<key>com.apple.developer.system-extension.install</key>\n<true/>',
    '<key>com.apple.security.app-sandbox</key>\n<false/>',
  ));
  assert.deepEqual(run(ws, APP, 'entitlement-unknown'), []);
});

test('entitlement-type: boolean written as a string or integer, converted when unambiguous', () => {
  const cases: [string, string | undefined][] = [
    ['<string>YES</string>', '<true/>'],
    ['<string>false</string>', '<false/>'],
    ['<integer>1</integer>', '<true/>'],
    ['<string>maybe</string>', undefined],
    ['<array/>', undefined],
  ];
  for (const [value, fixedTo] of cases) {
    const text = dict(DRIVERKIT, `<key>com.apple.developer.driverkit.transport.hid</key>\n${value}`);
    const ws = single(DEXT, text);
    const [d, ...rest] = run(ws, DEXT, 'entitlement-type');
    assert.equal(rest.length, 0, value);
    // transport.hid is tested for presence (IOServiceDEXTEntitlements): a warning, the value differs from the profile's.
    assert.equal(d!.severity, 'warning');
    assert.match(d!.message, /differs from the <true\/> a provisioning profile carries/);
    assert.equal(textOf(text, d!), value.replace('\n', '\n\t'));
    if (fixedTo) assert.ok(applyFix(ws, DEXT, d!).includes(`<key>com.apple.developer.driverkit.transport.hid</key>\n\t${fixedTo}`), value);
    else assert.deepEqual(d!.fixes, [], value);
  }
  // com.apple.developer.driverkit is read with a boolean query: an error, the kernel reads it as absent.
  const text = dict('<key>com.apple.developer.driverkit</key>\n<string>YES</string>');
  const [d] = run(single(DEXT, text), DEXT, 'entitlement-type');
  assert.equal(d!.severity, 'error');
  assert.match(d!.message, /the kernel reads it as absent/);
});

test('entitlement-type: userclient-access must be strings', () => {
  const ws = single(APP, dict('<key>com.apple.developer.driverkit.userclient-access</key>\n<array>\n\t<string>com.example.driver</string>\n\t<integer>1</integer>\n</array>'));
  const list = run(ws, APP, 'entitlement-type');
  assert.equal(list.length, 1);
  assert.match(list[0]!.message, /dext bundle id <string>; this one is an integer/);
  const asBool = single(APP, dict('<key>com.apple.developer.driverkit.userclient-access</key>\n<true/>'));
  assert.match(run(asBool, APP, 'entitlement-type')[0]!.message, /array of dext bundle ids/);
});

test('entitlement-type: correct types are clean (a single userclient-access string included)', () => {
  const ws = single(APP, dict(
    '<key>com.apple.developer.driverkit.userclient-access</key>\n<string>com.example.driver</string>',
    '<key>com.apple.developer.system-extension.install</key>\n<true/>',
    '<key>com.apple.security.app-sandbox</key>\n<false/>',
  ));
  assert.deepEqual(run(ws, APP, 'entitlement-type'), []);
});

const usb = (...dicts: string[]) =>
  `<key>com.apple.developer.driverkit.transport.usb</key>\n<array>\n${dicts.map((d) => '\t<dict>\n' + d.split('\n').map((l) => '\t\t' + l).join('\n') + '\n\t</dict>').join('\n')}\n</array>`;

test('usb-vendor-type: a numeric string becomes a decimal integer, or the development *', () => {
  for (const [written, number] of [['1452', 1452], ['0x05ac', 1452], ['0X5AC', 1452]] as const) {
    const text = dict(DRIVERKIT, usb(`<key>idVendor</key>\n<string>${written}</string>`));
    const ws = single(DEXT, text);
    const [d] = run(ws, DEXT, 'usb-vendor-type');
    assert.equal(textOf(text, d!), `<string>${written}</string>`);
    assert.equal(d!.fixes.length, 2);
    assert.ok(applyFix(ws, DEXT, d!, 0).includes(`<integer>${number}</integer>`));
    ws.set(ws.files().next().value!.uri, text, 99);
    assert.ok(applyFix(ws, DEXT, d!, 1).includes('<string>*</string>'));
  }
});

test('usb-vendor-type: non-numeric strings and other types; * and integers are clean', () => {
  const ws = single(DEXT, dict(DRIVERKIT, usb('<key>idVendor</key>\n<string>apple</string>', '<key>idVendor</key>\n<true/>', '<key>idVendor</key>\n<string>*</string>', '<key>idVendor</key>\n<integer>0x5ac</integer>')));
  const list = run(ws, DEXT, 'usb-vendor-type');
  assert.equal(list.length, 2);
  assert.deepEqual(list[0]!.fixes.map((f) => f.title), ['Write <string>*</string> (development only: any vendor)']);
  assert.match(list[1]!.message, /idVendor is <true\/>/);
});

test('transport-shape: the legacy <true/> is a warning whose fix writes driverkit.md §5 exactly', () => {
  const text = dict(DRIVERKIT, '<key>com.apple.developer.driverkit.transport.usb</key>\n<true/>');
  const ws = single(DEXT, text);
  const [d] = run(ws, DEXT, 'transport-shape');
  assert.equal(d!.severity, 'warning');
  assert.equal(textOf(text, d!), '<true/>');
  const fixed = applyFix(ws, DEXT, d!);
  assert.ok(fixed.includes('\t<key>com.apple.developer.driverkit.transport.usb</key>\n\t<array>\n\t\t<dict>\n\t\t\t<key>idVendor</key>\n\t\t\t<string>*</string>\n\t\t</dict>\n\t</array>\n'), fixed);
});

test('transport-shape: the PCI legacy form, with 4-space indentation kept', () => {
  const text = plist4(`<dict>\n    <key>com.apple.developer.driverkit</key>\n    <true/>\n    <key>com.apple.developer.driverkit.transport.pci</key>\n    <true/>\n</dict>`);
  const ws = single(DEXT, text);
  const [d] = run(ws, DEXT, 'transport-shape');
  const fixed = applyFix(ws, DEXT, d!);
  assert.ok(fixed.includes('    <key>com.apple.developer.driverkit.transport.pci</key>\n    <array>\n        <dict>\n            <key>IOPCIPrimaryMatch</key>\n            <string>0xFFFFFFFF&amp;0x00000000</string>\n        </dict>\n    </array>\n</dict>'), fixed);
});

function plist4(body: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0">\n${body}\n</plist>\n`;
}

test('transport-shape: <false/> is a legacy warning without fix; other non-arrays are errors', () => {
  const ws = single(DEXT, dict(DRIVERKIT, '<key>com.apple.developer.driverkit.transport.usb</key>\n<false/>', '<key>com.apple.developer.driverkit.transport.pci</key>\n<string>0x1011</string>'));
  const [f, s] = run(ws, DEXT, 'transport-shape');
  assert.equal(f!.severity, 'warning');
  assert.deepEqual(f!.fixes, []);
  assert.equal(s!.severity, 'error');
  assert.match(s!.message, /must be an array of match dicts.*not a string/);
});

test('transport-shape: malformed dicts: missing idVendor, foreign key (renamed by the fix), wrong field types, non-dict items', () => {
  const text = dict(DRIVERKIT, usb('<key>idVendor</key>\n<integer>1452</integer>\n<key>idProdcut</key>\n<integer>1</integer>', '<key>idProduct</key>\n<string>12</string>', '<key>idVendor</key>\n<integer>1</integer>\n<key>idProductArray</key>\n<array>\n\t<integer>1</integer>\n\t<string>2</string>\n</array>'));
  const withItem = text.replace('\n\t</array>\n</dict>', '\n\t\t<string>1452</string>\n\t</array>\n</dict>');
  const ws = single(DEXT, withItem);
  const list = run(ws, DEXT, 'transport-shape');
  assert.deepEqual(list.map((d) => textOf(withItem, d)), ['<key>idProdcut</key>', '<dict>', '<string>12</string>', '<string>2</string>', '<string>1452</string>']);
  // Wrong types are errors; a foreign key and a dict without idVendor (valid to the kernel, not what Apple grants) are warnings.
  assert.deepEqual(list.map((d) => d.severity), ['warning', 'warning', 'error', 'error', 'error']);
  assert.match(list[1]!.message, /not what Apple issues to you/);
  const fixed = applyFix(ws, DEXT, list[0]!);
  assert.ok(fixed.includes('<key>idProduct</key>\n\t\t\t<integer>1</integer>'));
});

test('transport-shape: any of the four PCI match keys is valid; a PCI dict with none is a warning; the approved forms are clean', () => {
  for (const key of ['IOPCIMatch', 'IOPCIPrimaryMatch', 'IOPCISecondaryMatch', 'IOPCIClassMatch']) {
    const ws = single(DEXT, dict(DRIVERKIT, `<key>com.apple.developer.driverkit.transport.pci</key>\n<array>\n\t<dict>\n\t\t<key>${key}</key>\n\t\t<string>0x00261011</string>\n\t</dict>\n</array>`));
    assert.deepEqual(run(ws, DEXT, 'transport-shape'), [], key);
  }
  const none = single(DEXT, dict(DRIVERKIT, '<key>com.apple.developer.driverkit.transport.pci</key>\n<array>\n\t<dict/>\n</array>'));
  const [d] = run(none, DEXT, 'transport-shape');
  assert.equal(d!.severity, 'warning');
  assert.match(d!.message, /none of IOPCIMatch, IOPCIPrimaryMatch, IOPCISecondaryMatch, IOPCIClassMatch/);
  const clean = single(DEXT, dict(DRIVERKIT, '<key>com.apple.developer.driverkit.transport.pci</key>\n<array>\n\t<dict>\n\t\t<key>IOPCIPrimaryMatch</key>\n\t\t<string>0x000010b5&amp;0x0000FFFF</string>\n\t</dict>\n</array>', usb('<key>idVendor</key>\n<integer>1356</integer>\n<key>idProduct</key>\n<integer>1476</integer>')));
  assert.deepEqual(run(clean, DEXT, 'transport-shape'), []);
});

test('transport-empty: an empty array (both spellings), filled by the fix with the development configuration', () => {
  for (const empty of ['<array/>', '<array>\n</array>']) {
    const text = dict(DRIVERKIT, `<key>com.apple.developer.driverkit.transport.pci</key>\n${empty}`);
    const ws = single(DEXT, text);
    const [d] = run(ws, DEXT, 'transport-empty');
    assert.equal(textOf(text, d!), empty.replace('\n', '\n\t'));
    assert.match(d!.message, /is empty: it allows no PCI device/);
    const fixed = applyFix(ws, DEXT, d!);
    assert.ok(fixed.includes('<string>0xFFFFFFFF&amp;0x00000000</string>'));
  }
  assert.deepEqual(run(single(DEXT, dict(DRIVERKIT, usb('<key>idVendor</key>\n<string>*</string>'))), DEXT, 'transport-empty'), []);
});

const pci = (value: string) => `<key>com.apple.developer.driverkit.transport.pci</key>\n<array>\n\t<dict>\n\t\t<key>IOPCIPrimaryMatch</key>\n\t\t${value}\n\t</dict>\n</array>`;

test('pci-match-syntax: a comma drops later terms; the fix separates with spaces', () => {
  for (const sep of [',', '|']) {
    const text = dict(DRIVERKIT, pci(`<string>0x00261011&amp;0xFFFFFFFF${sep}0x00271011${sep}0x00281011</string>`));
    const ws = single(DEXT, text);
    const [d, ...rest] = run(ws, DEXT, 'pci-match-syntax');
    assert.equal(rest.length, 0);
    assert.equal(textOf(text, d!), sep, 'the range is the separator, mapped through &amp;');
    const fixed = applyFix(ws, DEXT, d!);
    assert.ok(fixed.includes('<string>0x00261011&amp;0xFFFFFFFF 0x00271011 0x00281011</string>'));
  }
});

test('pci-match-syntax: other characters, too many digits, a lone &, empty, and non-strings', () => {
  const cases: [string, RegExp, string, boolean][] = [
    ['<string>0x00261011;0x00271011</string>', /';' is not a separator/, ';', false],
    ['<string>0xG0261011</string>', /'x' is not hex/, 'x', false],
    ['<string>0x1000261011</string>', /10 hex digits/, '1000261011', false],
    ['<string>0x00261011&amp;</string>', /must be followed by a hex mask/, '&amp;', false],
    ['<string>  </string>', /holds no term/, '<string>  </string>', false],
    ['<integer>0x00261011</integer>', /not an integer/, '<integer>0x00261011</integer>', true],
    ['<true/>', /not <true\/>/, '<true/>', false],
  ];
  for (const [value, message, range, fixable] of cases) {
    const text = dict(DRIVERKIT, pci(value));
    const ws = single(DEXT, text);
    const [d, ...rest] = run(ws, DEXT, 'pci-match-syntax');
    assert.equal(rest.length, 0, value);
    assert.match(d!.message, message, value);
    assert.equal(textOf(text, d!), range, value);
    if (fixable) assert.ok(applyFix(ws, DEXT, d!).includes('<string>0x00261011</string>'));
    else assert.deepEqual(d!.fixes, [], value);
  }
});

test('pci-match-syntax: more than 8 hex digits is an error only when the term can never match (64-bit value and mask, 32-bit register)', () => {
  const severities = (value: string) => run(single(DEXT, dict(DRIVERKIT, pci(`<string>${value}</string>`))), DEXT, 'pci-match-syntax').map((d) => d.severity);
  assert.deepEqual(severities('0x1000261011'), ['warning'], 'default mask: the high digits are masked off');
  assert.deepEqual(severities('0x0000000000261011&amp;0xFFFFFFFF'), ['warning'], 'leading zeros');
  assert.deepEqual(severities('0x1000261011&amp;0x1FFFFFFFFF'), ['error', 'error'], 'value and mask share bit 36: never matches');
});

test('pci-match-syntax: valid strings are clean, in entitlements and in personalities', () => {
  for (const value of ['0x00261011&amp;0xFFFFFFFF 0x00271011', '  0x1011\n\t\t0x1012  ', '261011', '0xFFFFFFFF&amp;0x00000000']) {
    assert.deepEqual(run(single(DEXT, dict(DRIVERKIT, pci(`<string>${value}</string>`))), DEXT, 'pci-match-syntax'), [], value);
  }
  const info = '/t/Driver/Info.plist';
  const personality = (key: string, value: string) =>
    dict('<key>IOKitPersonalities</key>\n<dict>\n\t<key>P</key>\n\t<dict>\n\t\t<key>IOProviderClass</key>\n\t\t<string>IOPCIDevice</string>\n\t\t<key>IOUserServerName</key>\n\t\t<string>com.example.driver</string>\n\t\t<key>' + key + '</key>\n\t\t<string>' + value + '</string>\n\t</dict>\n</dict>');
  assert.deepEqual(run(single(info, personality('IOPCIClassMatch', '0x02000000&amp;0xffff0000')), info, 'pci-match-syntax'), []);
  const bad = personality('IOPCIMatch', '0x00261011,0x00271011');
  const ws = single(info, bad);
  const [d] = run(ws, info, 'pci-match-syntax');
  assert.equal(textOf(bad, d!), ',');
  applyFix(ws, info, d!);
});

test('development-entitlement: USB *, PCI mask 0 and allow-any are information; not for audio dexts', () => {
  const text = dict(DRIVERKIT, usb('<key>idVendor</key>\n<string>*</string>'), pci('<string>0x00261011 0xFFFFFFFF&amp;0x00000000</string>'), '<key>com.apple.developer.driverkit.allow-any-userclient-access</key>\n<true/>');
  const ws = single(DEXT, text);
  const list = run(ws, DEXT, 'development-entitlement');
  assert.deepEqual(list.map((d) => d.severity), ['information', 'information', 'information']);
  assert.deepEqual(list.map((d) => textOf(text, d)), ['<string>*</string>', '0xFFFFFFFF&amp;0x00000000', '<true/>']);
  assert.ok(list.slice(0, 2).every((d) => /before distribution/i.test(d.message)));
  // USB `*`: development signing only (Apple DTS). PCI mask 0: no Apple source says a profile grants it (forum 795835).
  assert.match(list[0]!.message, /development signing only/);
  assert.doesNotMatch(list[1]!.message, /development signing only|development-only/);
  // allow-any-userclient-access is an ordinary entitlement (Apple documents it): not called development-only.
  assert.match(list[2]!.message, /lets every app open this dext's user clients.*ordinary entitlement/);
  assert.doesNotMatch(list[2]!.message, /development/);
  const audio = single(DEXT, dict(DRIVERKIT, '<key>com.apple.developer.driverkit.family.audio</key>\n<true/>', '<key>com.apple.developer.driverkit.allow-any-userclient-access</key>\n<true/>'));
  assert.deepEqual(run(audio, DEXT, 'development-entitlement'), []);
  const approved = single(DEXT, dict(DRIVERKIT, usb('<key>idVendor</key>\n<integer>1452</integer>'), pci('<string>0x000010b5&amp;0x0000FFFF</string>'), '<key>com.apple.developer.driverkit.allow-any-userclient-access</key>\n<false/>'));
  assert.deepEqual(run(approved, DEXT, 'development-entitlement'), []);
});

const UCA = '<key>com.apple.developer.driverkit.userclient-access</key>';

test('userclient-access-joined: a newline-joined string is an error; the fix makes one <string> per id', () => {
  const text = dict(`${UCA}\n<string>com.example.a\ncom.example.b</string>`);
  const ws = single(APP, text);
  const [d] = run(ws, APP, 'userclient-access-joined');
  assert.equal(d!.severity, 'error');
  assert.match(d!.message, /holds 2 ids joined by whitespace \(com\.example\.a, com\.example\.b\)/);
  const fixed = applyFix(ws, APP, d!);
  assert.ok(fixed.includes(`${UCA}\n\t<array>\n\t\t<string>com.example.a</string>\n\t\t<string>com.example.b</string>\n\t</array>\n`), fixed);
});

test('userclient-access-joined: joined and padded array elements; empty strings', () => {
  const text = dict(`${UCA}\n<array>\n\t<string>com.example.a com.example.b</string>\n\t<string> com.example.c</string>\n\t<string></string>\n\t<string>com.example.d:MyUserClient</string>\n</array>`);
  const ws = single(APP, text);
  const list = run(ws, APP, 'userclient-access-joined');
  assert.equal(list.length, 3);
  assert.match(list[1]!.message, /whitespace around 'com\.example\.c'/);
  assert.match(list[2]!.message, /is empty/);
  const fixed = applyFix(ws, APP, list[0]!);
  assert.ok(fixed.includes('\t\t<string>com.example.a</string>\n\t\t<string>com.example.b</string>\n\t\t<string> com.example.c</string>'), fixed);
});

test('userclient-access-joined: a single-id string is information (prefer the array); the array form is clean', () => {
  const text = dict(`${UCA}\n<string>com.example.a</string>`);
  const ws = single(APP, text);
  const [d] = run(ws, APP, 'userclient-access-joined');
  assert.equal(d!.severity, 'information');
  const fixed = applyFix(ws, APP, d!);
  assert.ok(fixed.includes(`${UCA}\n\t<array>\n\t\t<string>com.example.a</string>\n\t</array>`));
  assert.deepEqual(run(ws, APP, 'userclient-access-joined'), []);
});

test('dext-forbidden-entitlement: device.usb and builtin are warnings, hid.virtual.device (defunct) information; removed by the fix', () => {
  const keys: [string, string][] = [
    ['com.apple.security.device.usb', 'warning'],
    ['com.apple.developer.driverkit.builtin', 'warning'],
    ['com.apple.developer.driverkit.family.hid.virtual.device', 'information'],
  ];
  for (const [key, severity] of keys) {
    const text = dict(DRIVERKIT, `<key>${key}</key>\n<true/>`);
    const ws = single(DEXT, text);
    const [d, ...rest] = run(ws, DEXT, 'dext-forbidden-entitlement');
    assert.equal(rest.length, 0);
    assert.equal(d!.severity, severity, key);
    assert.equal(textOf(text, d!), `<key>${key}</key>`);
    assert.equal(applyFix(ws, DEXT, d!), dict(DRIVERKIT), key);
  }
  const [defunct] = run(single(DEXT, dict(DRIVERKIT, '<key>com.apple.developer.driverkit.family.hid.virtual.device</key>\n<true/>')), DEXT, 'dext-forbidden-entitlement');
  assert.match(defunct!.message, /has no function.*Harmless when the provisioning profile grants it/);
  assert.doesNotMatch(defunct!.message, /must not|never carries/);
  const app = single(APP, dict('<key>com.apple.security.device.usb</key>\n<true/>', '<key>com.apple.developer.system-extension.install</key>\n<true/>'));
  assert.deepEqual(run(app, APP, 'dext-forbidden-entitlement'), [], 'rule is for dexts only');
  assert.deepEqual(run(app, APP, 'entitlement-wrong-side'), [], 'device.usb belongs in apps');
});

test('entitlement-type does not type-check a key on the wrong side: entitlement-wrong-side reports it, once', () => {
  const text = dict(DRIVERKIT, `${UCA}\n<true/>`);
  const ws = single(DEXT, text);
  assert.deepEqual(run(ws, DEXT, 'entitlement-type'), []);
  assert.equal(run(ws, DEXT, 'entitlement-wrong-side').length, 1);
  const onApp = single(APP, dict(`${UCA}\n<true/>`));
  assert.equal(run(onApp, APP, 'entitlement-type').length, 1, 'on its own side the type is still checked');
});

test('entitlement-wrong-side: app keys in a dext (not the forbidden ones)', () => {
  const text = dict(DRIVERKIT, `${UCA}\n<array>\n\t<string>com.example.app</string>\n</array>`, '<key>com.apple.developer.system-extension.install</key>\n<true/>', '<key>com.apple.security.device.usb</key>\n<true/>', '<key>com.apple.security.app-sandbox</key>\n<true/>');
  const ws = single(DEXT, text);
  const list = run(ws, DEXT, 'entitlement-wrong-side');
  assert.deepEqual(list.map((d) => textOf(text, d)), [UCA, '<key>com.apple.developer.system-extension.install</key>']);
  assert.ok(list.every((d) => d.severity === 'warning' && d.fixes.length === 0));
  assert.match(list[0]!.message, /belongs in the host app's entitlements/);
  // The kernel reads userclient-access from the opening process: a dext opening another dext's user client needs it.
  assert.match(list[0]!.message, /unless this dext itself opens another dext's user client/);
  assert.doesNotMatch(list[1]!.message, /unless/);
});

test('dext-missing-driverkit: missing (inserted by the fix), false (set true); present is clean', () => {
  const text = dict('<key>com.apple.developer.driverkit.transport.usb</key>\n<true/>');
  const ws = single(DEXT, text);
  const [d] = run(ws, DEXT, 'dext-missing-driverkit');
  assert.equal(textOf(text, d!), '<dict>');
  const fixed = applyFix(ws, DEXT, d!);
  assert.ok(fixed.includes('\t<true/>\n\t<key>com.apple.developer.driverkit</key>\n\t<true/>\n</dict>'), fixed);
  const off = single(DEXT, dict('<key>com.apple.developer.driverkit</key>\n<false/>'));
  const [f] = run(off, DEXT, 'dext-missing-driverkit');
  assert.equal(applyFix(off, DEXT, f!), dict(DRIVERKIT));
  assert.deepEqual(run(single(DEXT, dict(DRIVERKIT)), DEXT, 'dext-missing-driverkit'), []);
  assert.deepEqual(run(single(DEXT, dict('<key>com.apple.developer.driverkit</key>\n<string>YES</string>')), DEXT, 'dext-missing-driverkit'), [], 'entitlement-type reports that');
});

test('rules stay quiet on a broken or empty file', () => {
  for (const text of ['', 'not a plist', plist4('<array/>'), dict(), '<plist><dict><key>com.apple.developer.driverkit.transport.usb</key><array><dict><key>idVendor']) {
    for (const rule of ['entitlement-unknown', 'entitlement-type', 'usb-vendor-type', 'transport-shape', 'transport-empty', 'pci-match-syntax', 'development-entitlement', 'userclient-access-joined', 'dext-forbidden-entitlement', 'entitlement-wrong-side']) {
      assert.deepEqual(run(single(DEXT, text), DEXT, rule).map((d) => d.message), [], `${rule} on ${JSON.stringify(text)}`);
    }
  }
});

test('a binary entitlements file is checked read-only: diagnostics, no fixes', () => {
  const bytes = encodeBinaryPlist({ 'com.apple.developer.driverkit.transport.usb': true, 'com.apple.security.device.usb': true });
  const ws = new Workspace();
  ws.set(pathToUri(DEXT), '', 1, bytes);
  const list = diagnosticsOf(ws, DEXT).filter((d) => ENTITLEMENT_RULE_IDS.includes(d.code));
  assert.deepEqual(list.map((d) => d.code).sort(), ['dext-forbidden-entitlement', 'dext-missing-driverkit', 'transport-shape']);
  assert.ok(list.every((d) => d.fixes.length === 0));
});
