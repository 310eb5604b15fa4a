// Every snippet the extension ships, inserted with its defaults into a file where it belongs,
// leaves the whole (small) project clean under every rule registered when the test runs.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { DEVELOPMENT_CONFIGURATION_TEXT, expandSnippet, insertedText, loadSnippets, type Snippet } from '../helpers/snippets';
import { codesOf, diagnosticsOf, repoRoot, workspaceFromFiles } from '../helpers/workspace';

const MARK = '@SNIPPET@';

function plist(dictBody: string): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">',
    '<plist version="1.0">',
    '<dict>',
    dictBody.replace(/^\n/, '').replace(/\n$/, ''),
    '</dict>',
    '</plist>',
    '',
  ].join('\n');
}

/** `<key>k</key>` + value lines at one tab. */
const entry = (key: string, value: string) => `\t<key>${key}</key>\n\t${value}`;
const TRUE = '<true/>';

function entitlements(...entries: string[]): string {
  return plist([entry('com.apple.developer.driverkit', TRUE), ...entries, entry('com.apple.security.app-sandbox', TRUE)].join('\n'));
}

const USB_APPROVED = entry(
  'com.apple.developer.driverkit.transport.usb',
  '<array>\n\t\t<dict>\n\t\t\t<key>idVendor</key>\n\t\t\t<integer>1234</integer>\n\t\t</dict>\n\t</array>',
);
const PCI_APPROVED = entry(
  'com.apple.developer.driverkit.transport.pci',
  '<array>\n\t\t<dict>\n\t\t\t<key>IOPCIPrimaryMatch</key>\n\t\t\t<string>0x00001234&amp;0x0000FFFF</string>\n\t\t</dict>\n\t</array>',
);

/** A dext Info.plist whose IOKitPersonalities dict holds `personalities` (at two tabs). */
function infoPlist(personalities: string): string {
  return plist(
    [
      entry('CFBundleDevelopmentRegion', '<string>$(DEVELOPMENT_LANGUAGE)</string>'),
      entry('CFBundleExecutable', '<string>$(EXECUTABLE_NAME)</string>'),
      entry('CFBundleIdentifier', '<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>'),
      entry('CFBundleInfoDictionaryVersion', '<string>6.0</string>'),
      entry('CFBundleName', '<string>$(PRODUCT_NAME)</string>'),
      entry('CFBundlePackageType', '<string>$(PRODUCT_BUNDLE_PACKAGE_TYPE)</string>'),
      entry('CFBundleShortVersionString', '<string>1.0</string>'),
      entry('CFBundleVersion', '<string>1</string>'),
      entry('OSBundleUsageDescription', '<string>Drives the example device.</string>'),
      entry('IOKitPersonalities', `<dict>\n\t\t${personalities}\n\t</dict>`),
    ].join('\n'),
  );
}

function iigClass(name: string, superclass: string, include: string, members: string[]): string {
  return [`#include <${include}>`, '', `class ${name} : public ${superclass}`, '{', 'public:', ...members.map((m) => `\t${m}`), '};', ''].join('\n');
}

const DRIVER_IIG = iigClass('MyDriver', 'IOService', 'DriverKit/IOService.iig', [
  'virtual kern_return_t Start(IOService * provider) override;',
  'virtual kern_return_t Stop(IOService * provider) override;',
]);

/** A project for a snippet: files by absolute path, one of them holding the marker. */
interface Host {
  files: Record<string, string>;
  /** Diagnostics the project may show by design: information-level, e.g. a development value. */
  allowedInformation?: string[];
}

const D = '/work/Project/MyDriver';

function personalityHost(snippetEntitlements: string[], iig = DRIVER_IIG, iigName = 'MyDriver'): Host {
  return {
    files: {
      [`${D}/Info.plist`]: infoPlist(MARK),
      [`${D}/MyDriver.entitlements`]: entitlements(...snippetEntitlements),
      [`${D}/${iigName}.iig`]: iig,
    },
  };
}

const HOSTS: Record<string, Host> = {
  'dext-usb-dev': { files: { [`${D}/MyDriver.entitlements`]: plist(`${entry('com.apple.developer.driverkit', TRUE)}\n\t${MARK}`) }, allowedInformation: ['development-entitlement'] },
  'dext-pci-dev': { files: { [`${D}/MyDriver.entitlements`]: plist(`${entry('com.apple.developer.driverkit', TRUE)}\n\t${MARK}`) }, allowedInformation: ['development-entitlement'] },
  'dext-entitlements': { files: { [`${D}/MyDriver.entitlements`]: MARK }, allowedInformation: ['development-entitlement'] },
  'dext-app-entitlements': { files: { '/work/Project/MyApp/MyApp.entitlements': MARK } },
  'dext-personality-usb-interface': personalityHost([USB_APPROVED]),
  'dext-personality-usb-device': personalityHost([USB_APPROVED]),
  'dext-personality-pci': personalityHost([PCI_APPROVED]),
  'dext-personality-resources': personalityHost([]),
  'dext-personality-hid-event-service': personalityHost(
    [entry('com.apple.developer.driverkit.transport.hid', TRUE), entry('com.apple.developer.driverkit.family.hid.eventservice', TRUE)],
    iigClass('MyHIDEventService', 'IOUserHIDEventService', 'HIDDriverKit/IOUserHIDEventService.iig', [
      'virtual kern_return_t Start(IOService * provider) override;',
    ]),
    'MyHIDEventService',
  ),
  'dext-user-client-properties': {
    files: {
      [`${D}/Info.plist`]: infoPlist(
        [
          '<key>MyDriver</key>',
          '\t\t<dict>',
          '\t\t\t<key>CFBundleIdentifier</key>',
          '\t\t\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>',
          '\t\t\t<key>CFBundleIdentifierKernel</key>',
          '\t\t\t<string>com.apple.kpi.iokit</string>',
          '\t\t\t<key>IOClass</key>',
          '\t\t\t<string>IOUserService</string>',
          '\t\t\t<key>IOMatchCategory</key>',
          '\t\t\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>',
          '\t\t\t<key>IOProviderClass</key>',
          '\t\t\t<string>IOUserResources</string>',
          '\t\t\t<key>IOResourceMatch</key>',
          '\t\t\t<string>IOKit</string>',
          '\t\t\t<key>IOUserClass</key>',
          '\t\t\t<string>MyDriver</string>',
          '\t\t\t<key>IOUserServerName</key>',
          '\t\t\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>',
          `\t\t\t${MARK}`,
          '\t\t</dict>',
        ].join('\n'),
      ),
      [`${D}/MyDriver.entitlements`]: entitlements(),
      [`${D}/MyDriver.iig`]: iigClass('MyDriver', 'IOService', 'DriverKit/IOService.iig', [
        'virtual kern_return_t Start(IOService * provider) override;',
        'virtual kern_return_t NewUserClient(uint32_t type, IOUserClient ** userClient) override;',
      ]),
      [`${D}/MyUserClient.iig`]: iigClass('MyUserClient', 'IOUserClient', 'DriverKit/IOUserClient.iig', [
        'virtual kern_return_t Start(IOService * provider) override;',
      ]),
    },
  },
  'dext-iig-driver': { files: { [`${D}/MyDriver.iig`]: MARK } },
  'dext-iig-scsi-controller': {
    files: {
      '/work/Project/MySCSIController/MySCSIController.iig': MARK,
      '/work/Project/MySCSIController/MySCSIController.cpp': [
        '#include "MySCSIController.h"',
        '',
        'kern_return_t',
        'IMPL(MySCSIController, Start)',
        '{',
        '\tkern_return_t ret = Start(provider, SUPERDISPATCH);',
        '\tif (ret != kIOReturnSuccess) {',
        '\t\treturn ret;',
        '\t}',
        ...['AuxiliaryQueue', 'InterruptQueue'].flatMap((name) => [
          '\tIODispatchQueue * queue = nullptr;'.replace('queue', `q${name}`),
          `\tret = IODispatchQueue::Create("${name}", 0, 0, &q${name});`,
          '\tif (ret != kIOReturnSuccess) {',
          '\t\treturn ret;',
          '\t}',
          `\tret = SetDispatchQueue("${name}", q${name});`,
          `\tOSSafeReleaseNULL(q${name});`,
          '\tif (ret != kIOReturnSuccess) {',
          '\t\treturn ret;',
          '\t}',
        ]),
        '\treturn kIOReturnSuccess;',
        '}',
        '',
      ].join('\n'),
      '/work/Project/MySCSIController/MySCSIController.entitlements': entitlements(
        PCI_APPROVED,
        entry('com.apple.developer.driverkit.family.scsicontroller', TRUE),
      ),
    },
  },
  'dext-impl-start': {
    files: {
      [`${D}/MyDriver.iig`]: iigClass('MyDriver', 'IOService', 'DriverKit/IOService.iig', [
        'virtual kern_return_t Start(IOService * provider) override;',
        'virtual kern_return_t HandleRequest(uint64_t request) QUEUENAME(MyQueue);',
      ]),
      [`${D}/MyDriver.cpp`]: `#include <DriverKit/DriverKit.h>\n#include "MyDriver.h"\n\n${MARK}\n`,
    },
  },
};

/** The project with the snippet inserted at the marker, as VS Code would insert it. */
function insert(host: Host, snippet: Snippet): Record<string, string> {
  const files: Record<string, string> = {};
  let found = 0;
  for (const [path, text] of Object.entries(host.files)) {
    const at = text.indexOf(MARK);
    if (at < 0) {
      files[path] = text;
      continue;
    }
    found++;
    const lineStart = text.lastIndexOf('\n', at) + 1;
    const indent = text.slice(lineStart, at);
    const base = path.slice(path.lastIndexOf('/') + 1);
    const expanded = expandSnippet(snippet.body, { TM_FILENAME: base, TM_FILENAME_BASE: base.replace(/\.[^.]*$/, '') });
    files[path] = text.slice(0, at) + insertedText(expanded, indent) + text.slice(at + MARK.length);
  }
  assert.equal(found, 1, `the host of ${snippet.prefix} must hold the marker exactly once`);
  return files;
}

const snippets = loadSnippets();

test('the extension ships snippets, each with a dext- prefix, a description and a host here', () => {
  assert.ok(snippets.length >= 13, `only ${snippets.length} snippets`);
  const prefixes = snippets.map((s) => s.prefix);
  assert.deepEqual([...new Set(prefixes)], prefixes, 'prefixes are unique');
  for (const s of snippets) {
    assert.match(s.prefix, /^dext-[a-z0-9-]+$/, s.name);
    assert.ok(s.description.length > 20, `${s.prefix} needs a description`);
    assert.ok(HOSTS[s.prefix], `${s.prefix} has no host project in this test: add one`);
  }
  assert.deepEqual(Object.keys(HOSTS).sort(), [...prefixes].sort(), 'every host belongs to a shipped snippet');
});

test('package.json contributes exactly the snippet files, for languages that exist', () => {
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
  const contributed = (pkg.contributes.snippets as { language: string; path: string }[]).map((s) => s.path.replace(/^\.\//, ''));
  assert.deepEqual(contributed.sort(), [...new Set(snippets.map((s) => `snippets/${s.file}`))].sort());
  const languages = new Set(['xml', 'cpp', ...(pkg.contributes.languages as { id: string }[]).map((l) => l.id)]);
  for (const s of pkg.contributes.snippets as { language: string }[]) assert.ok(languages.has(s.language), s.language);
});

test('dext-usb-dev and dext-pci-dev insert the exact text of driverkit.md §5', () => {
  const byPrefix = new Map(snippets.map((s) => [s.prefix, s]));
  for (const [prefix, expected] of [
    ['dext-usb-dev', DEVELOPMENT_CONFIGURATION_TEXT.usb],
    ['dext-pci-dev', DEVELOPMENT_CONFIGURATION_TEXT.pci],
  ] as const) {
    const snippet = byPrefix.get(prefix);
    assert.ok(snippet, prefix);
    assert.equal(insertedText(expandSnippet(snippet.body), '', '    '), expected);
  }
});

for (const snippet of snippets) {
  test(`${snippet.prefix}, inserted, validates clean`, () => {
    const host = HOSTS[snippet.prefix];
    assert.ok(host, `no host for ${snippet.prefix}`);
    const files = insert(host, snippet);
    const workspace = workspaceFromFiles(files);
    for (const path of Object.keys(files)) {
      const diagnostics = diagnosticsOf(workspace, path).filter(
        (d) => !(d.severity === 'information' && host.allowedInformation?.includes(d.code)),
      );
      assert.deepEqual(
        codesOf(diagnostics),
        [],
        `${path} after inserting ${snippet.prefix}:\n${diagnostics.map((d) => `  ${d.range.start.line + 1}: [${d.code}] ${d.message}`).join('\n')}\n--- ${path}\n${files[path]}`,
      );
    }
  });
}
