// `dextlint match <dump> [project…]`: text / json / sarif, exit 0 (all match) / 1 (one matches
// nothing) / 2 (usage error, unreadable dump). Runs the built bin/dextlint.js.
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { dextlint } from './helpers';

const USB_DUMP = 'test/fixtures/ioreg/usb-devices.ioreg.xml';

interface MatchJson {
  version: number;
  dump: string;
  results: {
    file: string;
    personality: string;
    matched: boolean;
    matches: { entry: string; class: string; row: string[]; score: number }[];
    closest: { entry: string; class: string; differences: { key: string; expected: unknown; actual: unknown }[] } | null;
    claimedBy: { entry: string; class: string }[];
  }[];
}

/** A dext project whose Info.plist holds these personalities (plist fragments). */
function project(personalities: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'dext-match-'));
  mkdirSync(join(dir, 'Driver'));
  const body = Object.entries(personalities)
    .map(([name, keys]) => `<key>${name}</key><dict><key>CFBundleIdentifier</key><string>com.example.driver</string><key>IOClass</key><string>IOUserService</string><key>IOUserClass</key><string>Driver</string><key>IOUserServerName</key><string>com.example.driver</string>${keys}</dict>`)
    .join('');
  writeFileSync(join(dir, 'Driver', 'Info.plist'), `<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0"><dict><key>CFBundleIdentifier</key><string>com.example.driver</string><key>IOKitPersonalities</key><dict>${body}</dict></dict></plist>\n`);
  return dir;
}

const RP_INTERFACE = '<key>IOProviderClass</key><string>IOUSBHostInterface</string><key>idVendor</key><integer>11914</integer><key>idProduct</key><integer>22337</integer><key>bInterfaceNumber</key><integer>2</integer><key>bConfigurationValue</key><integer>1</integer>';

test('json: the contract, exactly; exit 1 when a personality matches nothing (examples/SensorKit)', () => {
  const r = dextlint(['match', USB_DUMP, 'examples/SensorKit', '--format', 'json']);
  assert.equal(r.status, 1, r.stderr);
  const out = JSON.parse(r.stdout) as MatchJson;
  assert.deepEqual(Object.keys(out), ['version', 'dump', 'results']);
  assert.equal(out.version, 1);
  assert.equal(out.dump, USB_DUMP);
  assert.deepEqual(out.results, [
    {
      file: 'examples/SensorKit/SensorDriver/Info.plist',
      personality: 'SensorDriver',
      matched: false,
      matches: [],
      closest: {
        entry: 'IOService:/…/SensorKit Sensor@01400000/SensorKit Sensor@0',
        class: 'IOUSBHostInterface',
        differences: [
          { key: 'bInterfaceNumber', expected: null, actual: 0 },
          { key: 'bConfigurationValue', expected: null, actual: 1 },
        ],
      },
      claimedBy: [],
    },
  ]);
});

test('exit 0 and a match with row and score when every personality matches; text names the entry and row', () => {
  const dir = project({ Reset: RP_INTERFACE });
  try {
    const json = dextlint(['match', join(process.cwd(), USB_DUMP), dir, '-f', 'json']);
    assert.equal(json.status, 0, json.stderr);
    const out = JSON.parse(json.stdout) as MatchJson;
    assert.deepEqual(out.results[0]!.matches, [
      { entry: 'IOService:/…/Board CDC@01100000/Reset@2', class: 'IOUSBHostInterface', row: ['idVendor', 'idProduct', 'bInterfaceNumber', 'bConfigurationValue'], score: 90000 },
    ]);
    assert.equal(out.results[0]!.closest, null);
    const text = dextlint(['match', join(process.cwd(), USB_DUMP), dir]);
    assert.equal(text.status, 0, text.stderr);
    assert.match(text.stdout, /personality 'Reset' matches Raspberry Pi 'Board CDC' at IOService:\/…\/Board CDC@01100000\/Reset@2, row idVendor \+ idProduct \+ bInterfaceNumber \+ bConfigurationValue, probe score 90000\./);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a system class driver already attached is listed in claimedBy', () => {
  const dir = project({ Acm: '<key>IOProviderClass</key><string>IOUSBHostInterface</string><key>bInterfaceClass</key><integer>2</integer><key>bInterfaceSubClass</key><integer>2</integer>' });
  try {
    const r = dextlint(['match', join(process.cwd(), USB_DUMP), dir, '--format=json']);
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout) as MatchJson;
    assert.deepEqual(out.results[0]!.claimedBy, [{ entry: 'IOService:/…/Board CDC@01100000/Board CDC@0/AppleUSBACMControl', class: 'AppleUSBACMControl' }]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('sarif: the matching diagnostics with their rule ids and locations', () => {
  const r = dextlint(['match', USB_DUMP, 'examples/SensorKit', '--format', 'sarif']);
  assert.equal(r.status, 1, r.stderr);
  const sarif = JSON.parse(r.stdout) as { version: string; runs: { results: { ruleId: string; level: string; message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[] };
  assert.equal(sarif.version, '2.1.0');
  const results = sarif.runs[0]!.results;
  assert.equal(results.length, 1);
  assert.equal(results[0]!.ruleId, 'personality-no-match');
  assert.equal(results[0]!.level, 'warning');
  assert.match(results[0]!.locations[0]!.physicalLocation.artifactLocation.uri, /SensorKit\/SensorDriver\/Info\.plist$/);
  assert.match(results[0]!.message.text, /bInterfaceNumber is missing/);
});

test('exit 2: no dump, unknown option, bad format, unreadable or non-dump file', () => {
  for (const args of [['match'], ['match', USB_DUMP, '--bogus'], ['match', USB_DUMP, '--format', 'xml'], ['match', 'no/such/dump.xml'], ['match', 'package.json'], ['match', 'examples/SensorKit/SensorDriver/Info.plist']]) {
    const r = dextlint(args);
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stdout}`);
    assert.match(r.stderr, /dextlint match: /);
    assert.equal(r.stdout, '');
  }
});
