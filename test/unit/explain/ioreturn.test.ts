// The IOReturn table against driverkit.md §2, every printed form of every code, and the scanner
// that finds them in text.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { codesInLine } from '../../../server/src/explain/codes';
import { explainIoReturn } from '../../../server/src/explain/explanations';
import { formsOf, ioReturnByName, ioReturnByValue, ioReturnCodes, layoutOf, parseErrorNumber } from '../../../server/src/explain/ioreturn';
import { explainSingleCode } from '../../../server/src/explain/recognise';
import { catalogRuleIds } from './catalog';
import { needsShared, sharedDir } from '../../helpers/shared';

/** `Error 0x2bc`, `NoMemory 0x2bd`, … from the "IOReturn codes" paragraph of driverkit.md §2. */
function section2Codes(): Map<string, number> {
  const text = readFileSync(resolve(sharedDir, 'reference', 'driverkit.md'), 'utf8');
  const start = text.indexOf('IOReturn codes (hovering one');
  const end = text.indexOf('## 3.', start);
  assert.ok(start > 0 && end > start, 'the IOReturn paragraph of §2 moved');
  const paragraph = text.slice(start, end);
  const codes = new Map<string, number>();
  for (const m of paragraph.matchAll(/`(\w+) 0x([0-9a-f]+)`/g)) codes.set(`kIOReturn${m[1]}`, parseInt(m[2]!, 16));
  return codes;
}

test('the table holds exactly the codes of driverkit.md §2, with the same values', needsShared, () => {
  const reference = section2Codes();
  assert.ok(reference.size >= 50, `parsed only ${reference.size} codes from §2`);
  const ours = new Map(ioReturnCodes().map((c) => [c.name, c.code]));
  assert.deepEqual(ours, reference);
});

test('§2 examples decode as §2 says', () => {
  assert.equal(ioReturnByValue(parseErrorNumber('-536870212')!)?.name, 'kIOReturnError');
  assert.equal(ioReturnByValue(parseErrorNumber('-536870201')!)?.name, 'kIOReturnUnsupported');
  assert.equal(ioReturnByValue(parseErrorNumber('0xE00002E2')!)?.name, 'kIOReturnNotPermitted');
  assert.equal(formsOf(ioReturnByName('kIOReturnError')!.value).signed, -536870212);
});

test('every code: hex, signed and unsigned forms decode to the same code', () => {
  for (const code of ioReturnCodes()) {
    const forms = formsOf(code.value);
    assert.equal(forms.hex, `0x${(0xe0000000 + code.code).toString(16).toUpperCase()}`, code.name);
    assert.equal(forms.unsigned, 0xe0000000 + code.code);
    assert.equal(forms.signed, forms.unsigned - 2 ** 32);
    const spellings = [
      forms.hex,
      forms.hex.toLowerCase(),
      `0x00000000${forms.hex.slice(2)}`,
      `0xffffffff${forms.hex.slice(2).toLowerCase()}`,
      String(forms.signed),
      String(forms.unsigned),
    ];
    for (const spelling of spellings) assert.equal(ioReturnByValue(parseErrorNumber(spelling)!), code, `${code.name} as ${spelling}`);
  }
});

test('every code is found in a log line in every form, with the exact span', () => {
  for (const code of ioReturnCodes()) {
    const forms = formsOf(code.value);
    for (const form of [forms.hex, forms.hex.toLowerCase(), String(forms.signed), String(forms.unsigned), code.name, `(iokit/common) ${code.message}`]) {
      const line = `ExampleApp: IOServiceOpen failed: ${form}; retrying`;
      const tokens = codesInLine(line, 100);
      assert.equal(tokens.length, 1, `${code.name} as ${form}: ${JSON.stringify(tokens)}`);
      const token = tokens[0]!;
      assert.equal(token.kind, 'ioreturn');
      assert.equal(token.kind === 'ioreturn' && token.code.name, code.name);
      assert.equal(line.slice(token.start - 100, token.end - 100), form);
    }
  }
});

test('a bare 8-digit hex word counts only when it is a known code', () => {
  assert.equal(codesInLine('IOServiceOpen failed: e00002c7', 0)[0]?.kind, 'ioreturn');
  assert.deepEqual(codesInLine('commit e0001234 reverted', 0), []);
});

test('numbers that are not IOKit errors are left alone', () => {
  const line =
    '2025-03-04 10:11:12.345678+0100 0x2c41 Default 0x0 812 0 kernel: DK: ExampleDriver-0x100000b21 id 1234567890 -1 0x10000003 4294967295 -2147483648 1.3758097122 kIOReturnSuccess kIOReturnNotPermitted2 v0xE00002E2 mask 0xE0000000 base 0xE0004000';
  assert.deepEqual(codesInLine(line, 0), []);
});

test('an IOKit number outside the table is decoded from its parts', () => {
  const tokens = codesInLine('USB pipe: 0xe000404f', 0);
  assert.equal(tokens.length, 1);
  assert.equal(tokens[0]!.kind, 'iokit-error');
  const layout = layoutOf(0xe000404f);
  assert.deepEqual(layout, { system: 0x38, subsystem: 1, code: 0x4f, subsystemName: 'usb' });
  const single = explainSingleCode('0xE000404F')!;
  assert.equal(single.kind, 'iokit-error');
  assert.match(single.summary, /usb subsystem/);
});

test('a code typed on its own: sub-code, name without prefix, any form', () => {
  assert.equal(explainSingleCode('0x2e2')?.id, 'kIOReturnNotPermitted');
  assert.equal(explainSingleCode('NotPermitted')?.id, 'kIOReturnNotPermitted');
  assert.equal(explainSingleCode('kioreturnunsupported')?.id, 'kIOReturnUnsupported');
  assert.equal(explainSingleCode('3758097084')?.id, 'kIOReturnError');
  assert.equal(explainSingleCode('e00002bc'), undefined);
  assert.equal(explainSingleCode('0x10000003'), undefined);
});

test('the frequent codes carry DriverKit readings, with rules of the catalog', () => {
  const known = catalogRuleIds();
  for (const name of ['kIOReturnError', 'kIOReturnNotPermitted', 'kIOReturnNotPrivileged', 'kIOReturnUnsupported']) {
    const code = ioReturnByName(name)!;
    assert.ok(code.readings.length > 0, name);
    for (const r of code.readings) {
      // kIOReturnNotPrivileged comes from a privilege check (IOKit's or the dext's own NewUserClient):
      // no configuration rule catches it, so its reading cites none (xnu IOUserClient.cpp clientHasPrivilege).
      assert.ok((r.rules.length > 0 || name === 'kIOReturnNotPrivileged') && r.targets.length > 0 && r.source, name);
      for (const rule of r.rules) assert.ok(known.has(rule), `${name}: unknown rule ${rule}`);
    }
  }
  assert.deepEqual(ioReturnByName('kIOReturnNotPermitted')!.readings[0]!.rules.slice(0, 1), ['app-missing-userclient-access']);
  // Entitlement refusals happen after NewUserClient and return kIOReturnNotPermitted; kIOReturnError is the dext's NewUserClient failing.
  assert.doesNotMatch(ioReturnByName('kIOReturnError')!.readings[0]!.meaning, /before the dext/);
  assert.match(ioReturnByName('kIOReturnError')!.readings[0]!.meaning, /NewUserClient` failed or is not implemented/);
  const unsupported = ioReturnByName('kIOReturnUnsupported')!;
  assert.ok(unsupported.readings.some((r) => r.rules.includes('ioclass-family-mismatch')));
  // From IOServiceOpen: the user client the dext created is not an IOUserUserClient (IOUserServer.cpp:4707-4716).
  assert.deepEqual(unsupported.readings.find((r) => /IOServiceOpen/.test(r.when))!.rules[0], 'userclient-ioclass');
});

test('the reading that fits the line comes first', () => {
  const unsupported = ioReturnByName('kIOReturnUnsupported')!;
  assert.match(explainIoReturn(unsupported, 'ExampleApp: IOServiceOpen returned 0xe00002c7').details[1]!, /IOServiceOpen/);
  assert.match(explainIoReturn(unsupported, 'DK: ExampleController-0x100000d01::Start SUPERDISPATCH returned 0xe00002c7').details[1]!, /family call/);
  const explanation = explainIoReturn(ioReturnByName('kIOReturnNotPermitted')!);
  assert.equal(explanation.title, 'kIOReturnNotPermitted (0xE00002E2)');
  assert.match(explanation.details[0]!, /-536870174/);
  assert.match(explanation.details[0]!, /3758097122/);
});
