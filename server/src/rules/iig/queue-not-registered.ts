import type { IigClass, IigMethod } from '../../workspace/classes';
import type { Rule, RuleFix } from '../types';
import { indentAt } from '../../plist/edits';
import { bodiesOf, classesInFile, cppScanOf, dextCodeOf, ownerOf, queueCreationsOf, registrationsOf, sdkQueue, type DextCode } from '../../dext/queues';
import { SOURCES } from './sources';
import { INTERRUPT_QUEUE_IIG, RESOURCES_DEXT_INFO_PLIST } from '../example-projects';

/** `MyParallelIOQueue` → `myParallelIOQueue`: the ivar the fix declares. */
function ivarName(queue: string): string {
  const base = queue.charAt(0).toLowerCase() + queue.slice(1);
  return /queue$/i.test(base) ? base : `${base}Queue`;
}

function registrationFix(code: DextCode, cls: IigClass, queue: string): RuleFix | undefined {
  const owner = ownerOf(cls);
  // A queue created in Start: the one labelled like the QUEUENAME, else the last one created.
  const startCreations = queueCreationsOf(code, owner).filter((c) => c.body.method === 'Start' && c.args[3]?.trim().startsWith('&'));
  const created = startCreations.find((c) => c.stringArg?.value === queue) ?? startCreations[startCreations.length - 1];
  const target = created?.args[3]?.trim();
  if (created && target?.startsWith('&')) {
    const indent = indentAt(created.file, created.statementStart);
    return {
      title: `Register the queue: insert SetDispatchQueue("${queue}", ${target.slice(1)}) after it is created in Start`,
      edits: [{ uri: created.file.uri, start: created.statementEnd, end: created.statementEnd, newText: `\n${indent}SetDispatchQueue("${queue}", ${target.slice(1).trim()});` }],
    };
  }
  // Otherwise: create and register in IMPL(Class, Start), right after the SUPERDISPATCH call.
  const start = bodiesOf(code, owner).find((b) => b.form === 'IMPL' && b.method === 'Start');
  const superCall = start?.superdispatch.find((c) => c.callee === 'Start');
  if (!start || !superCall) return undefined;
  const indent = indentAt(start.file, superCall.statementStart);
  const name = ivarName(queue);
  const ivarStruct = cppScanOf(start.file).ivarStructs.get(owner);
  const block = [
    '',
    `${indent}// Messages of the methods marked QUEUENAME(${queue}) arrive on this queue.`,
    `${indent}kern_return_t queueRet = IODispatchQueue::Create("${queue}", 0, 0, &ivars->${name});`,
    `${indent}if (queueRet != kIOReturnSuccess) {`,
    `${indent}    return queueRet;`,
    `${indent}}`,
    `${indent}queueRet = SetDispatchQueue("${queue}", ivars->${name});`,
    `${indent}if (queueRet != kIOReturnSuccess) {`,
    `${indent}    return queueRet;`,
    `${indent}}`,
  ].join('\n');
  const edits = [{ uri: start.file.uri, start: superCall.statementEnd, end: superCall.statementEnd, newText: block }];
  if (ivarStruct) edits.push({ uri: start.file.uri, start: ivarStruct.openEnd, end: ivarStruct.openEnd, newText: `\n    IODispatchQueue * ${name};` });
  return {
    title: ivarStruct
      ? `Create and register queue '${queue}' in Start (adds ivars->${name} to ${owner}_IVars)`
      : `Create and register queue '${queue}' in Start (declare IODispatchQueue * ${name} in ${owner}_IVars)`,
    edits,
  };
}

export const queueNotRegistered: Rule = {
  meta: {
    id: 'queue-not-registered',
    defaultSeverity: 'error',
    appliesTo: ['iig'],
    fixable: true,
    sources: [SOURCES.queuenameDoc, SOURCES.serviceDefaultQueue, SOURCES.kernelSetDispatchQueue, SOURCES.kernelQueueRouting, SOURCES.userClientExternalMethod],
    docs: {
      summary: '`QUEUENAME(X)` on a method, but the class never registers a queue named X with `SetDispatchQueue`.',
      what: 'Reports a `QUEUENAME(X)` annotation (on a method or on a `TYPE(…)` callback) when no `SetDispatchQueue("X", …)` appears in the implementation of the class (its `IMPL(Class, …)`, `Class::…_Impl` and `Class::…` bodies). Queues whose registration the SDK makes optional are exempt: `IOUserClientQueueExternalMethod` (without it, `ExternalMethod` runs on the user client’s default queue). `LOCALONLY` methods are not dispatched and are not checked. Only runs when the dext’s `.cpp` files are in the workspace.',
      why: 'Apple’s `QUEUENAME` documentation asks the driver to create the queue and register it under that name “as part of your driver’s configuration”. Until `SetDispatchQueue("X", q)` registers it, messages for a `QUEUENAME(X)` method are not delivered on X: IOService.iig says the default queue is used, and xnu’s router sends kernel calls to the dext’s root queue (`IOUserServer.cpp`). The serialisation the annotation asks for is lost. The name given to `IODispatchQueue::Create` is only a label: creating a queue does not register it.',
      example: '```cpp\n// MyDriver.iig\nvirtual kern_return_t UserProcessParallelTask(…) override QUEUENAME(MyParallelIOQueue);\n// MyDriver.cpp, in Start: created, never registered\nIODispatchQueue::Create("MyParallelIOQueue", 0, 0, &ivars->ioQueue);\n```',
      fix: 'In `Start` (before anything can send the message), create the queue and register it under the exact `QUEUENAME`: `SetDispatchQueue("MyParallelIOQueue", ivars->ioQueue);`. The quick fix inserts the call after the queue is created in `Start`, or a complete create-and-register block after `Start(provider, SUPERDISPATCH)`.',
      examples: {
        invalid: [{ files: { 'Driver/MyDriver.iig': INTERRUPT_QUEUE_IIG, 'Driver/MyDriver.cpp': '#include <DriverKit/IOLib.h>\n#include "MyDriver.h"\n\nkern_return_t IMPL(MyDriver, Start)\n{\n    kern_return_t ret = Start(provider, SUPERDISPATCH);\n    if (ret != kIOReturnSuccess) return ret;\n    ret = IODispatchQueue::Create("InterruptQueue", 0, 0, &ivars->interruptQueue);\n    if (ret != kIOReturnSuccess) return ret;\n    return RegisterService();\n}\n', 'Driver/Info.plist': RESOURCES_DEXT_INFO_PLIST } }],
        valid: [{ files: { 'Driver/MyDriver.iig': INTERRUPT_QUEUE_IIG, 'Driver/MyDriver.cpp': '#include <DriverKit/IOLib.h>\n#include "MyDriver.h"\n\nkern_return_t IMPL(MyDriver, Start)\n{\n    kern_return_t ret = Start(provider, SUPERDISPATCH);\n    if (ret != kIOReturnSuccess) return ret;\n    ret = IODispatchQueue::Create("InterruptQueue", 0, 0, &ivars->interruptQueue);\n    if (ret != kIOReturnSuccess) return ret;\n    SetDispatchQueue("InterruptQueue", ivars->interruptQueue);\n    return RegisterService();\n}\n', 'Driver/Info.plist': RESOURCES_DEXT_INFO_PLIST } }],
      },
    },
  },
  check({ file, workspace, report }) {
    const code = dextCodeOf(workspace, file);
    if (!code?.hasImplementation) return;
    for (const cls of classesInFile(code, file)) {
      const owner = ownerOf(cls);
      if (!bodiesOf(code, owner).length) continue;
      const registered = new Set(registrationsOf(code, owner).map((c) => c.stringArg?.value));
      const reportedQueues = new Set<string>();
      for (const method of cls.methods as IigMethod[]) {
        const queue = method.queueName;
        if (queue === undefined || queue === 'Default' || method.localOnly || registered.has(queue) || sdkQueue(queue)?.optional) continue;
        const annotation = method.annotations.find((a) => a.name === 'QUEUENAME')!;
        const creation = queueCreationsOf(code, owner).find((c) => c.stringArg?.value === queue);
        const created = creation
          ? ` ${owner}::${creation.body.method} creates a queue labelled "${queue}" (${creation.file.path.slice(creation.file.path.lastIndexOf('/') + 1)}:${creation.file.document.positionAt(creation.start).line + 1}), but creating a queue does not register it.`
          : '';
        const fix = reportedQueues.has(queue) ? undefined : registrationFix(code, cls, queue);
        reportedQueues.add(queue);
        report({
          start: annotation.start,
          end: annotation.end,
          message: `${cls.name}::${method.name} is marked QUEUENAME(${queue}), but ${owner} never calls SetDispatchQueue("${queue}", …): its messages are never delivered on ${queue} (the default queue is used, or the dext's root queue for calls from the kernel), so the serialisation the annotation asks for is lost.${created} Register the queue in Start: SetDispatchQueue("${queue}", queue).`,
          fixes: fix ? [fix] : [],
          ...(creation ? { related: [{ uri: creation.file.uri, start: creation.start, end: creation.end, message: 'the queue is created here, but not registered' }] } : {}),
        });
      }
    }
  },
};
