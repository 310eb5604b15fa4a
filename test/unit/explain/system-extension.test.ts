// OSSystemExtensionError codes 1–13: names, every printed form, what each means for a dext.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { codesInLine } from '../../../server/src/explain/codes';
import { explainSingleCode } from '../../../server/src/explain/recognise';
import { systemExtensionByCode, systemExtensionErrors } from '../../../server/src/explain/system-extension';
import { catalogRuleIds } from './catalog';

const NAMES = [
  'unknown',
  'missingEntitlement',
  'unsupportedParentBundleLocation',
  'extensionNotFound',
  'extensionMissingIdentifier',
  'duplicateExtensionIdentifer',
  'unknownExtensionCategory',
  'codeSignatureInvalid',
  'validationFailed',
  'forbiddenBySystemPolicy',
  'requestCanceled',
  'requestSuperseded',
  'authorizationRequired',
];

test('codes 1–13 in order, with Swift and Objective-C names', () => {
  assert.deepEqual(
    systemExtensionErrors().map((e) => [e.code, e.name]),
    NAMES.map((name, i) => [i + 1, name]),
  );
  for (const e of systemExtensionErrors()) {
    assert.equal(e.objcName, `OSSystemExtensionError${e.name[0]!.toUpperCase()}${e.name.slice(1)}`);
  }
});

test('each code says what it means for a dext and what to check, citing catalog rules', () => {
  const known = catalogRuleIds();
  for (const e of systemExtensionErrors()) {
    assert.ok(e.apple && e.dext.length > 30 && e.check.length > 0 && e.source, e.name);
    for (const rule of e.rules) assert.ok(known.has(rule), `${e.name}: unknown rule ${rule}`);
  }
  assert.deepEqual(systemExtensionByCode(2)!.rules, ['app-missing-install', 'profile-mismatch']);
  assert.deepEqual(systemExtensionByCode(2)!.targets, [{ kind: 'app-entitlement', key: 'com.apple.developer.system-extension.install' }]);
});

test('every code is found in the ways it is printed and written', () => {
  for (const e of systemExtensionErrors()) {
    const forms = [
      `The operation couldn’t be completed. (OSSystemExtensionErrorDomain error ${e.code}.)`,
      `Error Domain=OSSystemExtensionErrorDomain Code=${e.code} "(null)"`,
      `if (error.code == ${e.objcName}) {`,
      `case OSSystemExtensionError.Code.${e.name}:`,
      `case OSSystemExtensionError.${e.name}:`,
    ];
    for (const line of forms) {
      const tokens = codesInLine(line, 0);
      assert.equal(tokens.length, 1, `${line}: ${JSON.stringify(tokens)}`);
      assert.equal(tokens[0]!.kind === 'system-extension' && tokens[0]!.error.name, e.name, line);
    }
  }
});

test('bare Swift case names only when asked (Swift sources that mention OSSystemExtension)', () => {
  const line = '        case .missingEntitlement: showInstallHelp()';
  assert.deepEqual(codesInLine(line, 0), []);
  const tokens = codesInLine(line, 0, { bareCaseNames: true });
  assert.equal(tokens.length, 1);
  assert.equal(line.slice(tokens[0]!.start, tokens[0]!.end), '.missingEntitlement');
  // `unknown` is every enum's case: never on its own.
  assert.deepEqual(codesInLine('case .unknown: break', 0, { bareCaseNames: true }), []);
});

test('the domain name, the type name and an out-of-range code are not codes', () => {
  assert.deepEqual(codesInLine('let domain = OSSystemExtensionErrorDomain; var code: OSSystemExtensionErrorCode', 0), []);
  assert.deepEqual(codesInLine('(OSSystemExtensionErrorDomain error 42.)', 0), []);
});

test('a code typed on its own', () => {
  assert.equal(explainSingleCode('1')?.id, 'unknown');
  assert.equal(explainSingleCode('8')?.id, 'codeSignatureInvalid');
  assert.equal(explainSingleCode('.requestSuperseded')?.id, 'requestSuperseded');
  assert.equal(explainSingleCode('OSSystemExtensionErrorValidationFailed')?.id, 'validationFailed');
  assert.equal(explainSingleCode('14'), undefined);
  const e = explainSingleCode('2')!;
  assert.equal(e.title, 'OSSystemExtensionError.missingEntitlement (OSSystemExtensionErrorDomain 2)');
  assert.match(e.details.join('\n'), /system-extension\.install/);
});
