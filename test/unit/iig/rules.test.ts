// The queue rules' quick fixes, applied and re-validated, and a 20,000-line .cpp.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pathToUri } from '../../../server/src/workspace/uri';
import { applyFixAndRecheck } from '../../helpers/fixes';
import { diagnosticsOf, fixturePath, workspaceFromFolder } from '../../helpers/workspace';

/** Applies the fix titled `titleMatch` of the first `code` finding on `rel` (no new error may appear). */
function fixAndRevalidate(fixture: string, rel: string, code: string, titleMatch: RegExp) {
  const ws = workspaceFromFolder(fixturePath(fixture));
  const path = fixturePath(fixture, rel);
  const diagnostic = diagnosticsOf(ws, path).find((d) => d.code === code);
  assert.ok(diagnostic, `${code} fires`);
  applyFixAndRecheck(ws, path, diagnostic, { fix: titleMatch, noNew: 'error' });
  return { ws, path, diagnostic };
}

test('queue-not-registered (seed): the fix creates and registers the queue in Start, with its ivar', () => {
  const { ws, path } = fixAndRevalidate('iig-seed', 'Driver/MyController.iig', 'queue-not-registered', /Create and register/);
  assert.deepEqual(diagnosticsOf(ws, path).filter((d) => d.code === 'queue-not-registered'), []);
  const cpp = ws.get(pathToUri(fixturePath('iig-seed', 'Driver/MyController.cpp')))!.text;
  assert.match(cpp, /kern_return_t ret = Start\(provider, SUPERDISPATCH\);\n    \/\/ Messages of the methods marked QUEUENAME\(MyParallelIOQueue\)/);
  assert.match(cpp, /SetDispatchQueue\("MyParallelIOQueue", ivars->myParallelIOQueue\);/);
  assert.match(cpp, /struct MyController_IVars \{\n    IODispatchQueue \* myParallelIOQueue;/);
  const cppDiagnostics = diagnosticsOf(ws, fixturePath('iig-seed', 'Driver/MyController.cpp'));
  assert.deepEqual(cppDiagnostics.filter((d) => d.severity === 'error'), []);
});

test('queue-not-registered with a queue created in Start: the fix registers it right after', () => {
  const { ws, path } = fixAndRevalidate('iig-mistakes', 'Driver/MyController.iig', 'queue-not-registered', /insert SetDispatchQueue/);
  assert.deepEqual(diagnosticsOf(ws, path).filter((d) => d.code === 'queue-not-registered'), []);
  const cpp = ws.get(pathToUri(fixturePath('iig-mistakes', 'Driver/MyController.cpp')))!.text;
  assert.match(cpp, /IODispatchQueue::Create\("events", 0, 0, &ivars->queue\);\n    SetDispatchQueue\("EventQueue", ivars->queue\);/);
});

test('queue-name-mismatch, queue-name-default, queue-on-localonly and missing-superdispatch fixes clear their diagnostic', () => {
  for (const [rel, code, title] of [
    ['Driver/MyController.cpp', 'queue-name-mismatch', /QUEUENAME spelling/],
    ['Driver/MyController.iig', 'queue-name-default', /Remove/],
    ['Driver/MyController.iig', 'queue-on-localonly', /Remove/],
    ['Driver/MyController.cpp', 'missing-superdispatch', /Start\(provider, SUPERDISPATCH\) first/],
  ] as const) {
    const { ws, path, diagnostic } = fixAndRevalidate('iig-mistakes', rel, code, title);
    const after = diagnosticsOf(ws, path).filter((d) => d.code === code && d.range.start.line === diagnostic.range.start.line);
    assert.deepEqual(after, [], code);
  }
});

test('a 20,000-line .cpp is scanned without trouble', () => {
  const lines = ['#include <DriverKit/IOLib.h>'];
  for (let i = 0; i < 2000; i++) {
    lines.push(`kern_return_t IMPL(Big, Method${i})`, '{', `    // line ${i}`, '    if (x) { y(); }', `    SetDispatchQueue("Q${i}", q);`, '    /* comment */', '    return kIOReturnSuccess;', '}', '', '');
  }
  const text = lines.join('\n');
  assert.ok(text.split('\n').length >= 20000);
  const ws = workspaceFromFolder(fixturePath('iig-clean'));
  const path = fixturePath('iig-clean', 'Driver/Big.cpp');
  ws.set(pathToUri(path), text, 1);
  assert.ok(Array.isArray(diagnosticsOf(ws, path)));
});
