import { getEntry } from '../../plist';
import type { PlistDict } from '../../plist/types';
import { getClassModel } from '../../workspace/classes';
import { nearest } from '../../text/edit-distance';
import { replaceNodeEdit } from '../../plist/edits';

import { bundleContextOf, isUnresolvable } from '../../dext/bundle-id';
import type { Rule } from '../types';
import { DEVICE_DEXT_INFO_PLIST } from '../example-projects';
import { personalityRule } from '../parts';

const listed = (names: string[]) => (names.length > 6 ? `${names.slice(0, 6).join(', ')}, …` : names.join(', ') || 'none');

export const userClassUnknown: Rule = personalityRule({
  meta: {
    id: 'user-class-unknown',
    defaultSeverity: 'error',
    appliesTo: ['dext-info-plist'],
    reads: ['IOKitPersonalities', 'CFBundleIdentifier'],
    fixable: true,
    sources: [
      { ref: 'https://developer.apple.com/documentation/bundleresources/information-property-list/iouserclass', primary: true },
      { ref: 'apple-oss-distributions/xnu@e3723e1f:iokit/Kernel/IOUserServer.cpp:2976-2984 ("userMeta %s was not found in fClasses", dk boot-arg only)', primary: true },
    ],
    docs: {
      summary: '`IOUserClass` (or `UserClientProperties.IOUserClass`) names no class declared in the dext’s `.iig` files.',
      what: 'Reports an `IOUserClass` value that is not a class declared in the `.iig` files of the dext (its folder). Only runs when the dext has `.iig` files in the workspace.',
      why: 'After launch the system instantiates `IOUserClass` in the dext; a class the dext does not contain cannot be instantiated, and the service does not start. The kernel line that names the class (`userMeta <class> was not found in fClasses`) is printed only with the `dk` boot-arg set (xnu `IOUserServer.cpp`), so usually nothing points at the cause.',
      example: '```xml\n<key>IOUserClass</key>\n<string>MyDrvier</string>\n```',
      fix: 'Name a class declared in an `.iig` of the dext; the quick fix picks the nearest declared name.',
      examples: {
        invalid: [
          {
            files: {
              'Driver/Info.plist': '<plist version="1.0">\n<dict>\n\t<key>CFBundleIdentifier</key>\n\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t<key>OSBundleUsageDescription</key>\n\t<string>Drives the Example USB sensor.</string>\n\t<key>IOKitPersonalities</key>\n\t<dict>\n\t\t<key>MyDevice</key>\n\t\t<dict>\n\t\t\t<key>CFBundleIdentifier</key>\n\t\t\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t\t\t<key>IOClass</key>\n\t\t\t<string>IOUserService</string>\n\t\t\t<key>IOUserClass</key>\n\t\t\t<string>MyDrvier</string>\n\t\t\t<key>IOUserServerName</key>\n\t\t\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>\n\t\t\t<key>IOProviderClass</key>\n\t\t\t<string>IOUSBHostDevice</string>\n\t\t\t<key>idVendor</key>\n\t\t\t<integer>1452</integer>\n\t\t\t<key>idProduct</key>\n\t\t\t<integer>4660</integer>\n\t\t</dict>\n\t</dict>\n</dict>\n</plist>\n',
              'Driver/MyDriver.iig': '#include <DriverKit/IOService.iig>\n\nclass MyDriver : public IOService\n{\npublic:\n\tvirtual kern_return_t Start(IOService * provider) override;\n};\n',
            },
          },
        ],
        valid: [
          {
            files: {
              'Driver/Info.plist': DEVICE_DEXT_INFO_PLIST,
              'Driver/MyDriver.iig': '#include <DriverKit/IOService.iig>\n\nclass MyDriver : public IOService\n{\npublic:\n\tvirtual kern_return_t Start(IOService * provider) override;\n};\n',
            },
          },
        ],
      },
    },
  },
  prepare({ file, workspace }) {
    const dext = workspace.dextOf(file);
    if (!dext || !dext.sources.some((f) => f.nameKind === 'iig')) return undefined;
    return { declared: getClassModel(workspace).classesOf(dext).map((c) => c.name), bundle: bundleContextOf(workspace, file) };
  },
  check(p, { declared, bundle }, { report }) {
    const check = (dict: PlistDict, where: string) => {
      const node = getEntry(dict, 'IOUserClass')?.value;
      if (node?.kind !== 'string') return;
      const text = node.text.trim();
      // `$(PRODUCT_NAME)` and the like: compare only what the target resolves.
      const name = isUnresolvable(text) ? bundle.resolve(text) : text;
      if (!name || declared.includes(name)) return;
      const suggestion = nearest(name, declared, 3);
      report({
        start: node.start,
        end: node.end,
        message: `${where} IOUserClass '${name}' is not declared in the dext's .iig files (${listed(declared)}): the system cannot instantiate it.${suggestion ? ` Did you mean '${suggestion}'?` : ''}`,
        fixes: suggestion ? [{ title: `Use '${suggestion}'`, edits: [replaceNodeEdit(node, `<string>${suggestion}</string>`)], isPreferred: true }] : [],
      });
    };
    check(p.dict, `Personality '${p.name}':`);
    const uc = getEntry(p.dict, 'UserClientProperties')?.value;
    if (uc?.kind === 'dict') check(uc, `UserClientProperties of '${p.name}':`);
  },
});
