// Property-based fuzzing of the readers of binary and configuration inputs, alone and through the
// whole service: provisioning profiles (CMS envelopes in DER and BER, signed by openssl when it is
// there), binary plists, and `.dextlintrc.json`. Mutations are those of the text files
// (test/helpers/mutate.ts): insert, delete, swap, truncate and duplicate ranges.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { parseConfig } from '../../server/src/config';
import { parsePlistBytes } from '../../server/src/plist';
import { describeProfile, readProfile } from '../../server/src/profiles';
import { getLanguageService } from '../../server/src/service';
import { pathToUri } from '../../server/src/workspace/uri';
import { encodeBinaryPlist } from '../helpers/bplist';
import { mutate, mutateBytes, mutationArbitrary } from '../helpers/mutate';
import { makeProfile } from '../helpers/profiles';
import { entitlements, pbxproj, workspaceWith } from '../unit/profiles/helpers';

const RUNS = Number(process.env.DEXT_FUZZ_RUNS ?? 1);
const DRIVERKIT = 'com.apple.developer.driverkit';
const USB = 'com.apple.developer.driverkit.transport.usb';

const profiles = [false, true].map((indefinite) =>
  makeProfile({ name: `Fuzz ${indefinite ? 'BER' : 'DER'}`, bundleId: 'com.example.driver', entitlements: { [DRIVERKIT]: true, [USB]: [{ idVendor: 1452 }] }, indefinite }),
);

const project = {
  '/f/Fuzz.xcodeproj/project.pbxproj': pbxproj([{ name: 'Driver', type: 'driver', settings: { PRODUCT_BUNDLE_IDENTIFIER: 'com.example.driver', CODE_SIGN_ENTITLEMENTS: 'Driver/Driver.entitlements', INFOPLIST_FILE: 'Driver/Info.plist' } }]),
  '/f/Driver/Driver.entitlements': entitlements({ [DRIVERKIT]: true, [USB]: [{ idVendor: 1452 }, { idVendor: 1234 }] }),
};

/** Every answer the service gives about the project with this profile; returns what threw. */
function serviceWithProfile(bytes: Uint8Array): string[] {
  const errors: string[] = [];
  const workspace = workspaceWith(project, { '/f/Driver/embedded.provisionprofile': bytes });
  const service = getLanguageService(workspace, { onRuleError: (id, _uri, e) => errors.push(`${id}: ${e instanceof Error ? e.stack : String(e)}`) });
  for (const path of ['/f/Driver/Driver.entitlements', '/f/Driver/embedded.provisionprofile']) {
    const uri = pathToUri(path);
    for (const d of service.doValidation(uri)) assert.ok(d.range.start.line >= 0 && typeof d.message === 'string' && d.message.length > 0);
    service.doHover(uri, { line: 4, character: 10 });
    service.doCodeActions(uri, { start: { line: 0, character: 0 }, end: { line: 30, character: 0 } });
  }
  return errors;
}

test('mutated provisioning profiles (DER and BER): the reader and the service answer, never throw', () => {
  assert.ok(readProfile(profiles[0]!).ok && readProfile(profiles[1]!).ok, 'the unmutated profiles read');
  fc.assert(
    fc.property(fc.constantFrom(...profiles), fc.array(mutationArbitrary, { minLength: 1, maxLength: 4 }), (profile, mutations) => {
      const bytes = mutateBytes(profile, mutations);
      const result = readProfile(bytes);
      assert.ok(result.ok || (typeof result.error === 'string' && result.error.length > 0));
      const described = describeProfile(bytes);
      assert.ok(described.ok ? described.document.length > 0 : described.error.length > 0);
      assert.deepEqual(serviceWithProfile(bytes), []);
    }),
    { numRuns: 200 * RUNS },
  );
});

test('mutated binary plists: decoded or reported, never thrown, through the service too', () => {
  const bplist = encodeBinaryPlist({ IOKitPersonalities: { Sensor: { IOProviderClass: 'IOUSBHostInterface', idVendor: 1452, IOUserClass: 'SensorDriver', Names: ['a', 'b', 'c'] } }, OSBundleUsageDescription: 'Fuzz.' });
  assert.deepEqual(parsePlistBytes(bplist).problems.map((p) => p.code), ['binary-plist'], 'the unmutated plist decodes (the note says it is binary)');
  fc.assert(
    fc.property(fc.array(mutationArbitrary, { minLength: 1, maxLength: 4 }), (mutations) => {
      const bytes = mutateBytes(bplist, mutations);
      const doc = parsePlistBytes(bytes);
      assert.ok(Array.isArray(doc.problems));
      const errors: string[] = [];
      const workspace = workspaceWith({}, {});
      const uri = pathToUri('/b/Driver/Info.plist');
      workspace.set(uri, '', 1, bytes);
      getLanguageService(workspace, { onRuleError: (id) => errors.push(id) }).doValidation(uri);
      assert.deepEqual(errors, []);
    }),
    { numRuns: 200 * RUNS },
  );
});

test('mutated .dextlintrc.json: problems are reported, the config stays usable, validation runs with it', () => {
  const config = '{\n  // severities\n  "rules": { "queue-unused": "off", "development-entitlement": "warning", "duplicate-key": "hint" },\n  "profiles": ["Signing", "../Shared/Profiles"],\n}\n';
  assert.deepEqual(parseConfig(config).problems, []);
  fc.assert(
    fc.property(fc.array(mutationArbitrary, { minLength: 1, maxLength: 4 }), (mutations) => {
      const text = mutate(config, mutations);
      const { config: parsed, problems } = parseConfig(text);
      assert.ok(Array.isArray(problems) && typeof parsed.rules === 'object');
      const errors: string[] = [];
      const workspace = workspaceWith({ ...project, '/f/.dextlintrc.json': text }, {});
      const diagnostics = getLanguageService(workspace, { onRuleError: (id) => errors.push(id) }).doValidation(pathToUri('/f/Driver/Driver.entitlements'));
      assert.ok(Array.isArray(diagnostics));
      assert.deepEqual(errors, []);
    }),
    { numRuns: 200 * RUNS },
  );
});
