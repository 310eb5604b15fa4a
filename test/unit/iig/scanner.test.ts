// The .iig scanner and the class model: declarations, annotations with exact offsets, robustness.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { scanIig } from '../../../server/src/iig/scanner';
import { tokenize } from '../../../server/src/iig/tokens';
import { getClassModel } from '../../../server/src/workspace/classes';
import { repoRoot, workspaceFromFolder } from '../../helpers/workspace';

const IIG = `#include <DriverKit/IOService.iig>
#define X(a) \\
    a
/* class Commented : public IOService { }; */
class KERNEL MyDriver : public IOUserSCSIParallelInterfaceController
{
public:
    virtual bool init() override;
    virtual kern_return_t Start(IOService * provider) override;
    virtual kern_return_t UserProcessParallelTask(SCSIUserParallelTask parallelTask, uint32_t * response, OSAction * completion TARGET) override QUEUENAME(MyParallelIOQueue);
    void Helper(const char * s = ")") LOCALONLY;
    virtual void Callback(OSAction * action TYPE(IOTimerDispatchSource::TimerOccurred)) = 0;
    struct Inner { int x; };
};
class Other;
`;

test('reads classes, superclasses, methods and annotations with exact offsets', () => {
  const { classes, problems } = scanIig(IIG);
  assert.deepEqual(problems, []);
  assert.equal(classes.length, 1);
  const c = classes[0]!;
  assert.equal(c.name, 'MyDriver');
  assert.equal(c.superclass, 'IOUserSCSIParallelInterfaceController');
  assert.equal(c.kernel, true);
  assert.equal(IIG.slice(c.nameStart, c.nameEnd), 'MyDriver');
  assert.deepEqual(c.methods.map((m) => m.name), ['init', 'Start', 'UserProcessParallelTask', 'Helper', 'Callback']);
  const task = c.methods[2]!;
  assert.equal(task.queueName, 'MyParallelIOQueue');
  assert.equal(task.override, true);
  const q = task.annotations.find((a) => a.name === 'QUEUENAME')!;
  assert.equal(IIG.slice(q.start, q.end), 'QUEUENAME(MyParallelIOQueue)');
  assert.equal(IIG.slice(q.argStart, q.argEnd), 'MyParallelIOQueue');
  assert.equal(c.methods[3]!.localOnly, true);
  assert.equal(c.methods[4]!.pure, true);
  assert.ok(c.methods[4]!.annotations.some((a) => a.name === 'TYPE' && a.arg === 'IOTimerDispatchSource::TimerOccurred'));
});

test('unbalanced braces and unterminated comments are reported, not thrown', () => {
  const { problems } = scanIig('class A : public IOService {\n  virtual void f(;\n/* open');
  assert.ok(problems.length >= 2);
});

test('the class model of the example project resolves chains and user clients', () => {
  const ws = workspaceFromFolder(join(repoRoot, 'examples/SensorKit'));
  const model = getClassModel(ws);
  assert.deepEqual(model.superChain('SensorDriver'), ['SensorDriver', 'IOService']);
  assert.deepEqual(model.superChain('SensorUserClient'), ['SensorUserClient', 'IOUserClient']);
  const dext = ws.getModel().dexts[0]!;
  assert.deepEqual(model.classesOf(dext).map((c) => c.name).sort(), ['SensorDriver', 'SensorUserClient']);
  assert.equal(model.offersUserClient(dext), true);
  assert.equal(readFileSync(model.get('SensorDriver')!.file.path, 'utf8').slice(model.get('SensorDriver')!.nameStart, model.get('SensorDriver')!.nameEnd), 'SensorDriver');
});

test('token soup never throws; 100,000 nested parentheses stay linear (no recursion)', () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom('class', 'A', ':', 'public', '{', '}', '(', ')', ';', 'QUEUENAME', '"', "'", '/*', '*/', '//', '\n', '#if', 'R"x(', ')x"', '= 0', 'override'), { maxLength: 200 }), (parts) => {
      scanIig(parts.join(' '));
    }),
    { numRuns: 3000 },
  );
  const deep = 'class A : public B { void f(' + '('.repeat(100_000) + ')'.repeat(100_000) + '); };';
  assert.equal(scanIig(deep).classes[0]!.methods.length, 1);
  assert.ok(tokenize(deep).tokens.length > 200_000);
});

// The shape of Apple's SDK headers (OSObject.iig's annotations; IOUserAudioDriver.iig's private
// class extension; IOUserClient.iig's LOCALONLY QUEUENAME; a TYPE callback with QUEUENAME as in
// Apple's QUEUENAME documentation), written out here: no Apple file is copied into the repository.
const APPLE_SYNTAX = `class NATIVE KERNEL OSObjectLike : public OSMetaClassBase
{
public:
    virtual kern_return_t Dispatch(const IORPC rpc) LOCAL;
    virtual void Remote() REMOTE;
    static kern_return_t Native() NATIVE;
};
class EXTENDS (IOUserAudioDriver) IOUserAudioDriverPrivate
{
    IOUserAudioObjectID _GetNextObjectID() LOCALONLY;
    void _UserClientDisconnected() LOCALONLY;
};
class LOCALONLY IIG_SERIALIZABLE Helper : public OSObject
{
    kern_return_t Run() QUEUENAME(Worker);
};
class MyUserClient : public IOUserClient
{
    virtual kern_return_t ExternalMethod(uint64_t selector, IOUserClientMethodArguments * arguments, const IOUserClientMethodDispatch * dispatch, OSObject * target, void * reference) override LOCALONLY QUEUENAME(IOUserClientQueueExternalMethod);
    virtual void TxComplete(OSAction * action, IOReturn status, uint32_t actualByteCount) TYPE(IOUSBHostPipe::CompleteAsyncIO) QUEUENAME(tx_pipe_dq);
};
`;

test('Apple syntax: annotations are never class names; EXTENDS(Base) extensions; class-level LOCALONLY; callbacks with QUEUENAME', () => {
  const { classes, problems } = scanIig(APPLE_SYNTAX);
  assert.deepEqual(problems, []);
  assert.deepEqual(classes.map((c) => c.name), ['OSObjectLike', 'IOUserAudioDriverPrivate', 'Helper', 'MyUserClient']);
  const [object, extension, helper, client] = classes as [typeof classes[0], typeof classes[0], typeof classes[0], typeof classes[0]];
  assert.equal(object.kernel, true);
  assert.deepEqual(object.annotations.map((a) => a.name), ['NATIVE', 'KERNEL']);
  assert.deepEqual(object.methods.map((m) => m.name), ['Dispatch', 'Remote', 'Native']);
  assert.ok(object.methods[0]!.annotations.some((a) => a.name === 'LOCAL'));
  assert.equal(extension.extends, 'IOUserAudioDriver');
  assert.equal(extension.superclass, undefined);
  assert.equal(APPLE_SYNTAX.slice(extension.nameStart, extension.nameEnd), 'IOUserAudioDriverPrivate');
  assert.deepEqual(extension.methods.map((m) => m.name), ['_GetNextObjectID', '_UserClientDisconnected']);
  assert.equal(helper.localOnly, true);
  assert.equal(helper.superclass, 'OSObject');
  assert.equal(helper.methods[0]!.localOnly, true, 'a LOCALONLY class makes its methods local only');
  const [external, tx] = client.methods as [typeof client.methods[0], typeof client.methods[0]];
  assert.equal(external.localOnly, true);
  assert.equal(external.queueName, 'IOUserClientQueueExternalMethod');
  assert.equal(tx.queueName, 'tx_pipe_dq');
  assert.equal(tx.annotations.find((a) => a.name === 'TYPE')?.arg, 'IOUSBHostPipe::CompleteAsyncIO');
  assert.equal(tx.localOnly, false);
});

test('ASYNC is not an iig annotation (OSObject.iig defines none)', () => {
  const { classes } = scanIig('class A : public IOService { virtual void f() ASYNC; };');
  assert.deepEqual(classes[0]!.methods[0]!.annotations, []);
});
