// Navigation, hover and outline for .iig/.cpp.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getLanguageService } from '../../../server/src/service';
import { pathToUri } from '../../../server/src/workspace/uri';
import { fixturePath, workspaceFromFolder } from '../../helpers/workspace';

const iig = fixturePath('iig-clean', 'Driver/MyController.iig');
const cpp = fixturePath('iig-clean', 'Driver/MyController.cpp');

function at(service: ReturnType<typeof getLanguageService>, path: string, needle: string, delta = 1) {
  const file = service.workspace.get(pathToUri(path))!;
  return file.document.positionAt(file.text.indexOf(needle) + delta);
}

test('QUEUENAME(X) ↔ SetDispatchQueue("X"): definition and references', () => {
  const s = getLanguageService(workspaceFromFolder(fixturePath('iig-clean')));
  const defs = s.findDefinition(pathToUri(iig), at(s, iig, 'QUEUENAME(MyParallelIOQueue)', 3));
  assert.deepEqual(defs.map((d) => [d.uri.endsWith('.cpp'), d.range.start.line]), [[true, 31]]);
  const back = s.findDefinition(pathToUri(cpp), at(s, cpp, '"MyParallelIOQueue"', 2));
  assert.equal(back.length, 2, 'both #if branches');
  assert.ok(back.every((d) => d.uri.endsWith('.iig')));
  const refs = s.findReferences(pathToUri(cpp), at(s, cpp, '"MyParallelIOQueue"', 2));
  assert.equal(refs.length, 3);
});

test('IMPL(C, M) goes to the declaration; a class name to its .iig', () => {
  const s = getLanguageService(workspaceFromFolder(fixturePath('iig-clean')));
  const method = s.findDefinition(pathToUri(cpp), at(s, cpp, 'IMPL(MyController, Stop)', 'IMPL(MyController, '.length + 1));
  assert.deepEqual(method.map((d) => d.range.start.line), [10]);
  const cls = s.findDefinition(pathToUri(cpp), at(s, cpp, 'IMPL(MyController, Stop)', 6));
  assert.deepEqual(cls.map((d) => d.range.start.line), [5]);
});

test('hover on QUEUENAME says where the queue is registered; on SUPERDISPATCH explains it', () => {
  const s = getLanguageService(workspaceFromFolder(fixturePath('iig-clean')));
  const hover = s.doHover(pathToUri(iig), at(s, iig, 'QUEUENAME(MyParallelIOQueue)', 3))!;
  assert.match(hover.contents, /Registered in MyController::Start \(MyController\.cpp:32\)/);
  const seed = getLanguageService(workspaceFromFolder(fixturePath('iig-seed')));
  const seedIig = fixturePath('iig-seed', 'Driver/MyController.iig');
  assert.match(seed.doHover(pathToUri(seedIig), at(seed, seedIig, 'QUEUENAME(', 3))!.contents, /Never registered/);
  assert.match(s.doHover(pathToUri(cpp), at(s, cpp, 'SUPERDISPATCH', 2))!.contents, /superclass/);
});

test('hover on an optional SDK queue says so; LOCALONLY explains super:: and the framework queue', () => {
  const s = getLanguageService(workspaceFromFolder(fixturePath('iig-method-impl')));
  const path = fixturePath('iig-method-impl', 'Driver/MyDriver.iig');
  const hover = s.doHover(pathToUri(path), at(s, path, 'QUEUENAME(IOUserClientQueueExternalMethod)', 3))!.contents;
  assert.match(hover, /optional/);
  assert.doesNotMatch(hover, /Never registered/);
  const local = s.doHover(pathToUri(path), at(s, path, 'LOCALONLY QUEUENAME(EventQueue)', 2))!.contents;
  assert.match(local, /super::Method/);
  assert.doesNotMatch(local, /no effect/);
});

test('outline of an .iig: classes with their methods and queues', () => {
  const s = getLanguageService(workspaceFromFolder(fixturePath('iig-clean')));
  const [cls] = s.findDocumentSymbols(pathToUri(iig));
  assert.equal(cls!.name, 'MyController');
  const children = cls!.children as { name: string; detail?: string }[];
  assert.ok(children.some((c) => c.name === 'UserProcessParallelTask' && c.detail === 'queue MyParallelIOQueue'));
  assert.ok(children.some((c) => c.name === 'Helper' && c.detail === 'LOCALONLY'));
});
