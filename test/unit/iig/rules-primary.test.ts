// The .iig/.cpp rules as Apple's sources have them (issue #15): severities, exemptions, the
// helper- and handler-following, and the new rules, on small virtual projects.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { families } from '../../../server/src/knowledge/families';
import { applyEdits, diagnosticsOf, workspaceFromFiles } from '../../helpers/workspace';

const PLIST = `<?xml version="1.0" encoding="UTF-8"?>
<plist version="1.0"><dict>
<key>CFBundleIdentifier</key><string>com.example.d</string>
<key>IOKitPersonalities</key><dict><key>D</key><dict>
<key>CFBundleIdentifier</key><string>com.example.d</string>
<key>IOClass</key><string>IOUserService</string>
<key>IOProviderClass</key><string>IOUserResources</string>
<key>IOUserClass</key><string>D</string>
<key>IOUserServerName</key><string>com.example.d</string>
</dict></dict></dict></plist>`;

function project(iig: string, cpp: string) {
  const ws = workspaceFromFiles({ '/p/D/Info.plist': PLIST, '/p/D/D.iig': iig, '/p/D/D.cpp': cpp });
  return {
    ws,
    iig: (code: string) => diagnosticsOf(ws, '/p/D/D.iig').filter((d) => d.code === code),
    cpp: (code: string) => diagnosticsOf(ws, '/p/D/D.cpp').filter((d) => d.code === code),
  };
}

const START = 'kern_return_t IMPL(D, Start) { kern_return_t r = Start(provider, SUPERDISPATCH); RegisterService(); return r; }\n';

test('queue-on-localonly: a hint on a helper, silent on an override of an SDK method declared with that QUEUENAME', () => {
  const p = project(
    `class D : public IOUserClient {
public:
    virtual kern_return_t ExternalMethod(uint64_t selector, IOUserClientMethodArguments * a, const IOUserClientMethodDispatch * d, OSObject * t, void * r) override LOCALONLY QUEUENAME(IOUserClientQueueExternalMethod);
    void Drain() LOCALONLY QUEUENAME(IOUserClientQueueExternalMethod);
};`,
    START,
  );
  const reports = p.iig('queue-on-localonly');
  assert.equal(reports.length, 1);
  assert.equal(reports[0]!.severity, 'hint');
  assert.match(reports[0]!.message, /D::Drain/);
  assert.ok(reports[0]!.fixes.every((f) => !f.isPreferred), 'removing it is not applied by --fix');
  assert.deepEqual(p.iig('queue-not-registered'), [], 'IOUserClientQueueExternalMethod is optional');
});

test('queue-not-registered: a TYPE callback with QUEUENAME is checked like a method', () => {
  const p = project(
    'class D : public IOService {\npublic:\n    virtual kern_return_t Start(IOService * provider) override;\n    virtual void TxComplete(OSAction * action, IOReturn status) TYPE(IOUSBHostPipe::CompleteAsyncIO) QUEUENAME(tx_pipe_dq);\n};',
    START,
  );
  const reports = p.iig('queue-not-registered');
  assert.equal(reports.length, 1);
  assert.equal(reports[0]!.severity, 'error');
  assert.match(reports[0]!.message, /never delivered on tx_pipe_dq/);
  const registered = project(p.ws.get('file:///p/D/D.iig')!.text, START.replace('RegisterService();', 'SetDispatchQueue("tx_pipe_dq", q); RegisterService();'));
  assert.deepEqual(registered.iig('queue-not-registered'), []);
});

test('queue-registered-late: UserInitializeController of a SCSI controller counts as start; a later method is information', () => {
  const iig = `class D : public IOUserSCSIParallelInterfaceController {
public:
    virtual kern_return_t Start(IOService * provider) override;
    virtual kern_return_t UserInitializeController() override;
    virtual kern_return_t UserProcessParallelTask(SCSIUserParallelTask t, uint32_t * r, OSAction * c) override QUEUENAME(IOQueue);
    virtual kern_return_t HandleOpen() QUEUENAME(OpenQueue);
    virtual kern_return_t Later();
};`;
  const cpp = `${START}kern_return_t IMPL(D, UserInitializeController) { SetDispatchQueue("IOQueue", q); return 0; }
kern_return_t IMPL(D, Later) { return SetDispatchQueue("OpenQueue", q); }`;
  const late = project(iig, cpp).cpp('queue-registered-late');
  assert.deepEqual(late.map((d) => [d.range.start.line, d.severity]), [[2, 'information']]);
  assert.match(late[0]!.message, /"OpenQueue" is registered only in D::Later/);
});

test('queue-name-invalid: quoted and over-long names are errors; empty and non-identifiers are warnings', () => {
  const long = 'Q'.repeat(256);
  const p = project(
    `class D : public IOService {\n    virtual kern_return_t A() QUEUENAME("Io");\n    virtual kern_return_t B() QUEUENAME(${long});\n    virtual kern_return_t C() QUEUENAME();\n    virtual kern_return_t E() QUEUENAME(my-queue);\n    virtual kern_return_t F() QUEUENAME(Fine);\n};`,
    START,
  );
  assert.deepEqual(p.iig('queue-name-invalid').map((d) => [d.range.start.line, d.severity]), [[1, 'error'], [2, 'error'], [3, 'warning'], [4, 'warning']]);
});

test('missing-superdispatch: Start through a helper is fine; SetPowerState never calling super is information', () => {
  const p = project(
    'class D : public IOService {\n    virtual kern_return_t Start(IOService * provider) override;\n    virtual kern_return_t SetPowerState(uint32_t powerFlags) override;\n    kern_return_t Begin(IOService * provider) LOCALONLY;\n};',
    `kern_return_t IMPL(D, Start) { return Begin(provider); }
kern_return_t D::Begin(IOService * provider) { kern_return_t r = Start(provider, SUPERDISPATCH); RegisterService(); return r; }
kern_return_t IMPL(D, SetPowerState) { return kIOReturnSuccess; }`,
  );
  assert.deepEqual(p.cpp('missing-superdispatch').map((d) => [d.range.start.line, d.severity]), [[2, 'information']]);
});

test('superdispatch-in-localonly: the fix calls super::M without SUPERDISPATCH', () => {
  const cpp = 'kern_return_t MyDevice::StartIO(IOUserAudioStartStopFlags flags)\n{\n    return StartIO(flags, SUPERDISPATCH);\n}\n';
  const ws = workspaceFromFiles({
    '/p/D/Info.plist': PLIST,
    '/p/D/D.iig': 'class MyDevice : public IOUserAudioDevice {\n    virtual kern_return_t StartIO(IOUserAudioStartStopFlags flags) override LOCALONLY;\n};',
    '/p/D/D.cpp': cpp,
  });
  const [d, more] = diagnosticsOf(ws, '/p/D/D.cpp').filter((x) => x.code === 'superdispatch-in-localonly');
  assert.ok(d && !more);
  assert.equal(d.severity, 'error');
  assert.equal(applyEdits(cpp, d.fixes[0]!.edits), cpp.replace('StartIO(flags, SUPERDISPATCH)', 'super::StartIO(flags)'));
  const plain = workspaceFromFiles({ '/p/D/Info.plist': PLIST, '/p/D/D.iig': 'class MyDevice : public IOUserAudioDevice {\n    virtual kern_return_t StartIO(IOUserAudioStartStopFlags flags) override;\n};', '/p/D/D.cpp': cpp });
  assert.deepEqual(diagnosticsOf(plain, '/p/D/D.cpp').filter((x) => x.code === 'superdispatch-in-localonly'), [], 'a dispatched method is called with SUPERDISPATCH');
});

test('iig-local-annotation: LOCAL in a project .iig warns; a vendored copy of an Apple header is skipped', () => {
  const iig = 'class D : public IOService {\n    virtual kern_return_t Configure(uint32_t mode) LOCAL;\n};';
  assert.deepEqual(project(iig, START).iig('iig-local-annotation').map((d) => [d.range.start.line, d.severity]), [[1, 'warning']]);
  const apple = `/*\n * Copyright (c) 2020-2021 Apple Inc. All rights reserved.\n */\n${iig}`;
  assert.deepEqual(project(apple, START).iig('iig-local-annotation'), []);
});

test('missing-register-service: an IOService offering a user client must register from Start or a helper; a family class is not checked', () => {
  const iig = 'class D : public IOService {\n    virtual kern_return_t Start(IOService * provider) override;\n    virtual kern_return_t NewUserClient(uint32_t type, IOUserClient ** client) override;\n};';
  const silent = 'kern_return_t IMPL(D, Start) { kern_return_t r = Start(provider, SUPERDISPATCH); return r; }';
  assert.deepEqual(project(iig, silent).cpp('missing-register-service').map((d) => [d.range.start.line, d.severity]), [[0, 'warning']]);
  const async = 'kern_return_t IMPL(D, Start) { kern_return_t r = Start(provider, SUPERDISPATCH); ivars->queue->DispatchAsync(^{ Publish(); }); return r; }\nvoid D::Publish() { RegisterService(); }';
  assert.deepEqual(project(iig, async).cpp('missing-register-service'), []);
  const family = iig.replace('public IOService', 'public IOUserSCSIParallelInterfaceController');
  assert.deepEqual(project(family, silent).cpp('missing-register-service'), []);
});

test('missing-required-override lists exactly what the family table requires (data, not code)', () => {
  const scsi = families().find((f) => f.superclass === 'IOUserSCSIParallelInterfaceController')!;
  const [d, newer, more] = project('class D : public IOUserSCSIParallelInterfaceController {\n};', START).iig('missing-required-override');
  assert.ok(d && newer && !more);
  for (const m of scsi.requiredOverrides) assert.ok(d.message.includes(m), m);
  // The bundled-task pair, = 0 since IOSCSIParallelFamily-343: a report of its own that says so and how to opt out.
  assert.deepEqual(scsi.requiredOverridesNewerSdk, ['UserMapBundledParallelTaskCommandAndResponseBuffers', 'UserProcessBundledParallelTasks']);
  assert.match(newer.message, /does not override UserMapBundledParallelTaskCommandAndResponseBuffers, UserProcessBundledParallelTasks: newer SDKs \(IOSCSIParallelFamily-343 and later\).*kIOReturnFailure/);
  for (const m of scsi.requiredOverridesNewerSdk!) assert.ok(!d.message.includes(m), m);
  const declared = 'class D : public IOUserSCSIParallelInterfaceController {\n    virtual kern_return_t UserMapBundledParallelTaskCommandAndResponseBuffers(IOBufferMemoryDescriptor * a, IOBufferMemoryDescriptor * b) override;\n    virtual void UserProcessBundledParallelTasks(const uint16_t s[16], uint16_t n, OSAction * c) override;\n};';
  assert.equal(project(declared, START).iig('missing-required-override').length, 1, 'the pair declared: only the always-required methods are reported');
});
