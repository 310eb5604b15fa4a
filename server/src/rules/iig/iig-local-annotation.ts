import { iigScanOf } from '../../workspace/classes';
import { isAppleHeader, removeAnnotationEdit } from '../../dext/iig-annotations';
import type { Rule } from '../types';
import { SOURCES } from './sources';
import { RESOURCES_DEXT_INFO_PLIST } from '../example-projects';

export const iigLocalAnnotation: Rule = {
  meta: {
    id: 'iig-local-annotation',
    defaultSeverity: 'warning',
    appliesTo: ['iig'],
    fixable: true,
    sources: [SOURCES.localDoc, SOURCES.localonlyDoc, SOURCES.osObjectAnnotations],
    docs: {
      summary: '`LOCAL` on a method of your own: Apple reserves it for its own methods.',
      what: 'Reports the `LOCAL` annotation on a method declared in a project’s `.iig` file (copies of Apple’s own SDK headers, recognised by Apple’s copyright in their first comment, are skipped).',
      why: 'Apple’s `LOCAL` page: “DriverKit adds this macro to methods that must run locally in your driver extension. A method tagged with this macro may still be called by a remote process such as the kernel. Don’t add this macro to your own methods.” (`Start`, `Stop`, `SetPowerState` are `LOCAL` in IOService.iig: an override does not repeat it.) For a method only your own process calls, Apple’s annotation is `LOCALONLY`.',
      example: '```cpp\nvirtual kern_return_t Configure(uint32_t mode) LOCAL;\n```',
      fix: 'Remove `LOCAL` (the quick fix, not applied by `--fix`), or write `LOCALONLY` if the method is only called from the dext’s own process.',
      examples: {
        invalid: [
          {
            files: {
              'Driver/MyDriver.iig': '#include <DriverKit/IOService.iig>\n\nclass MyDriver : public IOService\n{\npublic:\n    virtual kern_return_t Start(IOService * provider) override;\n    virtual kern_return_t Configure(uint32_t mode) LOCAL;\n};\n',
              'Driver/Info.plist': RESOURCES_DEXT_INFO_PLIST,
            },
          },
        ],
        valid: [
          {
            files: {
              'Driver/MyDriver.iig': '#include <DriverKit/IOService.iig>\n\nclass MyDriver : public IOService\n{\npublic:\n    virtual kern_return_t Start(IOService * provider) override;\n    virtual kern_return_t Configure(uint32_t mode) LOCALONLY;\n};\n',
              'Driver/Info.plist': RESOURCES_DEXT_INFO_PLIST,
            },
          },
        ],
      },
    },
  },
  check({ file, report }) {
    if (isAppleHeader(file.text)) return;
    for (const cls of iigScanOf(file).classes) {
      for (const method of cls.methods) {
        const local = method.annotations.find((a) => a.name === 'LOCAL');
        if (!local) continue;
        report({
          start: local.start,
          end: local.end,
          message: `LOCAL on ${cls.name}::${method.name}: Apple adds LOCAL to its own methods and says "Don't add this macro to your own methods". Remove it, or use LOCALONLY for a method only the dext's own process calls.`,
          fixes: [{ title: 'Remove LOCAL', edits: [removeAnnotationEdit(file.text, local)] }],
        });
      }
    }
  },
};
