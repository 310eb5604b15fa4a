import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { parseOpenStep } from '../../../server/src/pbxproj/openstep';
import { isDriverTarget, parseXcodeProject, resolveInTarget, settingValues } from '../../../server/src/pbxproj/project';
import { repoRoot } from '../../helpers/workspace';

const examplePath = join(repoRoot, 'examples/SensorKit/SensorKit.xcodeproj/project.pbxproj');

test('reads targets, product types and per-configuration settings with project-level inheritance', () => {
  const project = parseXcodeProject(readFileSync(examplePath, 'utf8'), examplePath);
  assert.equal(project.srcRoot, join(repoRoot, 'examples/SensorKit'));
  assert.deepEqual(project.errors, []);
  assert.deepEqual(project.targets.map((t) => t.name), ['SensorApp', 'SensorDriver']);
  const [app, driver] = project.targets as [typeof project.targets[0], typeof project.targets[0]];
  assert.ok(isDriverTarget(project, driver));
  assert.ok(!isDriverTarget(project, app));
  assert.deepEqual(app.dependencies, ['SensorDriver']);
  assert.deepEqual(settingValues(project, driver, 'PRODUCT_BUNDLE_IDENTIFIER'), ['com.example.sensorkit.driver']);
  assert.deepEqual(settingValues(project, driver, 'CODE_SIGN_ENTITLEMENTS'), ['SensorDriver/SensorDriver.entitlements']);
  assert.equal(resolveInTarget(project, driver, '$(PRODUCT_BUNDLE_IDENTIFIER)'), 'com.example.sensorkit.driver');
  assert.equal(resolveInTarget(project, driver, '$(NOT_SET)'), undefined);
});

test('OpenStep: strings, escapes, comments, arrays, dicts', () => {
  const { value, errors } = parseOpenStep('// !$*UTF8*$!\n{ a = "x\\"y\\n"; /* c */ b = (1, two, "three",); c = { d = <0a0b>; }; }');
  assert.deepEqual(errors, []);
  assert.deepEqual(value, { a: 'x"y\n', b: ['1', 'two', 'three'], c: { d: '<0a0b>' } });
});

test('OpenStep: broken input is reported, never thrown, and what can be read is kept', () => {
  const { value, errors } = parseOpenStep('{ a = 1; b = ; c = (x, y; d = "unterminated');
  assert.ok(errors.length > 0);
  assert.equal((value as Record<string, unknown>).a, '1');
});

test('OpenStep: deep nesting does not overflow the stack', () => {
  const depth = 100_000;
  const { errors } = parseOpenStep('{ a = ' + '('.repeat(depth) + ')'.repeat(depth) + '; }');
  assert.deepEqual(errors, []);
});

test('OpenStep: arbitrary input never throws', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 300 }), (s) => {
      parseOpenStep(s);
    }),
    { numRuns: 2000 },
  );
});
