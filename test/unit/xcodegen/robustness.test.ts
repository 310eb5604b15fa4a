// Bad input never throws or hangs: mutated fixtures and arbitrary text go through the whole reader
// (spec, mapping, rendering) and come out as problems.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { readXcodeGenProject, renderEntitlements, renderInfoPlist, toXcodeProject } from '../../../server/src/xcodegen';
import { fixturePath } from '../../helpers/workspace';

const fixtureTexts = readdirSync(fixturePath('xcodegen')).map((name) => readFileSync(join(fixturePath('xcodegen', name), 'project.yml'), 'utf8'));

function readAll(text: string, included = 'targets: {X: {type: tool, platform: macOS}}\n'): void {
  const files: Record<string, string> = { '/p/project.yml': text, '/p/inc.yml': included };
  const spec = readXcodeGenProject('/p/project.yml', { readFile: (p) => files[p] ?? files['/p/inc.yml'] });
  const mapped = toXcodeProject(spec, { findInfoPlist: (p) => `${p}/Info.plist`, configFileSettings: () => new Set(['SDKROOT']) });
  for (const t of spec.targets) {
    renderInfoPlist(t);
    renderEntitlements(t);
  }
  for (const p of mapped.problems) {
    assert.ok(p.span.start <= p.span.end);
    assert.ok(p.message.length > 0);
  }
}

test('mutated fixtures: cut, duplicated and re-indented text is read without throwing', () => {
  fc.assert(
    fc.property(fc.constantFrom(...fixtureTexts), fc.nat(), fc.nat(), fc.constantFrom('', ' ', '  ', ':', '- ', '&a ', '*a', '<<: *a\n', '{', '[', '"', '\n', '${target_name}', 'include: inc.yml\n'), (text, at, length, insert) => {
      const start = at % (text.length + 1);
      const end = Math.min(text.length, start + (length % 40));
      readAll(text.slice(0, start) + insert + text.slice(end));
    }),
    { numRuns: 300 },
  );
});

test('arbitrary text and self-including specs are read without throwing', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 200 }), (text) => readAll(text, text)),
    { numRuns: 300 },
  );
  readAll('include: project.yml\nname: Self\n');
});
