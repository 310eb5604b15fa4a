// The log features on a fixture project: diagnostics with related configuration, hover, and code
// actions that open the configuration at fault; the codes hover in every kind of file; the
// explanation preview's links.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { explainText } from '../../../server/src/explain';
import { getLanguageService } from '../../../server/src/service';
import { pathToUri } from '../../../server/src/workspace/uri';
import { fixturePath, workspaceFromFiles, workspaceFromFolder } from '../../helpers/workspace';
import { PATTERN_SAMPLES } from './samples';

const root = fixturePath('log-userclient');
const logPath = fixturePath('log-userclient/logs/kernel.log');
const appEntitlements = fixturePath('log-userclient/ExampleApp/ExampleApp.entitlements');
const iigPath = fixturePath('log-userclient/ExampleDriver/ExampleDriver.iig');
const infoPlist = fixturePath('log-userclient/ExampleDriver/Info.plist');

/** 0-based line of the first line of a file containing `text`. */
function lineOf(path: string, text: string): number {
  const index = readFileSync(path, 'utf8').split('\n').findIndex((l) => l.includes(text));
  assert.ok(index >= 0, `${text} not in ${path}`);
  return index;
}

function service() {
  return getLanguageService(workspaceFromFolder(root));
}

function openActions(lineNumber: number) {
  const s = service();
  const uri = pathToUri(logPath);
  const line = readFileSync(logPath, 'utf8').split('\n')[lineNumber]!;
  const actions = s.doCodeActions(uri, { start: { line: lineNumber, character: 0 }, end: { line: lineNumber, character: line.length } });
  const opens = actions.filter((a) => a.command?.command === 'dext.openLocation');
  return {
    s,
    opens: opens.map((a) => {
      const [target, start, end] = a.command!.arguments as [string, number, number];
      const file = s.workspace.get(target)!;
      return { title: a.title, uri: target, line: file.document.positionAt(start).line, text: file.text.slice(start, end), action: a };
    }),
  };
}

test('a userclient-access log line opens the app entitlements entry for the needed bundle id', () => {
  const { opens } = openActions(0);
  assert.ok(opens.length >= 1);
  const first = opens[0]!;
  assert.equal(first.uri, pathToUri(appEntitlements));
  assert.equal(first.line, lineOf(appEntitlements, '<string>com.example.ExampleDriver</string>'));
  assert.equal(first.text, 'com.example.ExampleDriver');
  assert.equal(first.action.isPreferred, true);
  assert.equal(first.action.diagnostics?.[0]?.code, 'log-known-failure');
  assert.match(first.title, /^Open ExampleApp\/ExampleApp\.entitlements:\d+: .*lists com\.example\.ExampleDriver/);
});

test('a bundle id the app does not list opens its userclient-access key', () => {
  const { opens } = openActions(2);
  assert.equal(opens.length, 1);
  assert.equal(opens[0]!.line, lineOf(appEntitlements, '<key>com.apple.developer.driverkit.userclient-access</key>'));
  assert.equal(opens[0]!.text, 'com.apple.developer.driverkit.userclient-access');
  assert.match(opens[0]!.title, /does not list com\.example\.MissingDriver/);
});

test('the queue assertion opens the QUEUENAME of the class named in the line', () => {
  const { opens } = openActions(3);
  assert.ok(opens.length >= 1);
  assert.equal(opens[0]!.uri, pathToUri(iigPath));
  assert.equal(opens[0]!.line, lineOf(iigPath, 'QUEUENAME(ReportQueue)'));
  assert.match(opens[0]!.text, /ReportQueue/);
});

test('an IOReturn code in a log opens the userclient-access configuration', () => {
  const { opens } = openActions(1);
  assert.equal(opens[0]!.uri, pathToUri(appEntitlements));
  assert.equal(opens[0]!.text, 'com.apple.developer.driverkit.userclient-access');
});

test('diagnostics carry the configuration at fault as related information', () => {
  const s = service();
  const diagnostics = s.doValidation(pathToUri(logPath));
  assert.deepEqual(diagnostics.map((d) => [d.code, d.severity, d.range.start.line]), [0, 1, 2, 3, 4].map((l) => ['log-known-failure', 'information', l]));
  const first = diagnostics[0]!;
  assert.match(first.message, /^User client refused: userclient-access check failed\. .*Checked by: app-missing-userclient-access/);
  assert.equal(first.related?.[0]?.uri, pathToUri(appEntitlements));
  assert.equal(first.related?.[0]?.range.start.line, lineOf(appEntitlements, '<string>com.example.ExampleDriver</string>'));
  assert.match(diagnostics[1]!.message, /^kIOReturnNotPermitted \(0xE00002E2\)\. Not permitted\./);
});

test('hover on a recognised line explains it, with links that open the configuration', () => {
  const s = service();
  const hover = s.doHover(pathToUri(logPath), { line: 0, character: 120 })!;
  assert.match(hover.contents, /\*\*User client refused: userclient-access check failed\*\*/);
  assert.match(hover.contents, /`bundleId`: `com\.example\.ExampleDriver`/);
  assert.match(hover.contents, /\*\*Checked by:\*\* `app-missing-userclient-access`/);
  const link = /\(command:dext\.openLocation\?([^ )]+) /.exec(hover.contents);
  assert.ok(link, hover.contents);
  const [uri, start] = JSON.parse(decodeURIComponent(link[1]!)) as [string, number, number];
  assert.equal(uri, pathToUri(appEntitlements));
  assert.equal(s.workspace.get(uri)!.document.positionAt(start).line, lineOf(appEntitlements, '<string>com.example.ExampleDriver</string>'));
  // Outside any recognised span: no hover.
  assert.equal(s.doHover(pathToUri(logPath), { line: 5, character: 10 }), undefined);
});

test('hover on a code in a log line comes from the codes contribution', () => {
  const s = service();
  const line = readFileSync(logPath, 'utf8').split('\n')[1]!;
  const hover = s.doHover(pathToUri(logPath), { line: 1, character: line.indexOf('0xe00002e2') + 3 })!;
  assert.match(hover.contents, /^\*\*kIOReturnNotPermitted \(0xE00002E2\)\*\*/);
  assert.equal(hover.range.end.character - hover.range.start.character, '0xe00002e2'.length);
});

test('hover on an IOReturn name in the dext .cpp points at the personality IOClass', () => {
  const s = service();
  const cpp = fixturePath('log-userclient/ExampleDriver/ExampleDriver.cpp');
  const lines = readFileSync(cpp, 'utf8').split('\n');
  const n = lines.findIndex((l) => l.includes('return kIOReturnUnsupported'));
  const hover = s.doHover(pathToUri(cpp), { line: n, character: lines[n]!.indexOf('kIOReturnUnsupported') + 5 })!;
  assert.match(hover.contents, /^\*\*kIOReturnUnsupported \(0xE00002C7\)\*\*/);
  assert.match(hover.contents, /ioclass-family-mismatch/);
  assert.match(hover.contents, /Info\.plist:\d+ — personality ExampleDriver: IOClass\]/);
  // `kIOReturnSuccess` is no error: no hover.
  const m = lines.findIndex((l) => l.includes('kIOReturnSuccess'));
  assert.equal(s.doHover(pathToUri(cpp), { line: m, character: lines[m]!.indexOf('kIOReturnSuccess') + 3 }), undefined);
  assert.ok(infoPlist);
});

test('hover on codes in Swift, Objective-C, .iig and plists', () => {
  const swift = [
    'import SystemExtensions',
    'func request(_ request: OSSystemExtensionRequest, didFailWithError error: Error) {',
    '    switch (error as NSError).code {',
    '    case OSSystemExtensionError.Code.missingEntitlement.rawValue: break',
    '    case OSSystemExtensionError.requestSuperseded.rawValue: break',
    '    default: if case .codeSignatureInvalid = (error as! OSSystemExtensionError).code { }',
    '    }',
    '    if kr == -536870174 { }',
    '}',
  ].join('\n');
  const objc = 'if (error.code == OSSystemExtensionErrorValidationFailed) { NSLog(@"%x", kIOReturnNotPrivileged); }';
  const iig = 'class ExampleDriver : public IOService {\n    // returns kIOReturnNoDevice when unplugged\n    virtual kern_return_t Start(IOService * provider) override;\n};';
  const plist = '<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0">\n<dict>\n    <key>LastError</key>\n    <integer>3758097088</integer>\n</dict>\n</plist>\n';
  const ws = workspaceFromFiles({ '/p/App/Installer.swift': swift, '/p/App/Client.m': objc, '/p/Driver/Example.iig': iig, '/p/Driver/Settings.plist': plist });
  const s = getLanguageService(ws);
  const hoverAt = (path: string, text: string, needle: string, delta = 2) => {
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l.includes(needle));
    return s.doHover(pathToUri(path), { line, character: lines[line]!.indexOf(needle) + delta })?.contents ?? '';
  };
  assert.match(hoverAt('/p/App/Installer.swift', swift, 'missingEntitlement'), /OSSystemExtensionError\.missingEntitlement \(OSSystemExtensionErrorDomain 2\)/);
  assert.match(hoverAt('/p/App/Installer.swift', swift, 'requestSuperseded'), /requestSuperseded/);
  assert.match(hoverAt('/p/App/Installer.swift', swift, '.codeSignatureInvalid'), /codeSignatureInvalid/);
  assert.match(hoverAt('/p/App/Installer.swift', swift, '-536870174'), /kIOReturnNotPermitted/);
  assert.match(hoverAt('/p/App/Client.m', objc, 'OSSystemExtensionErrorValidationFailed'), /validationFailed/);
  assert.match(hoverAt('/p/App/Client.m', objc, 'kIOReturnNotPrivileged'), /kIOReturnNotPrivileged \(0xE00002C1\)/);
  assert.match(hoverAt('/p/Driver/Example.iig', iig, 'kIOReturnNoDevice'), /kIOReturnNoDevice \(0xE00002C0\)/);
  assert.match(hoverAt('/p/Driver/Settings.plist', plist, '3758097088'), /kIOReturnNoDevice/);
  assert.equal(hoverAt('/p/App/Installer.swift', swift, 'SystemExtensions'), '');
});

test('an untitled "DriverKit Log" document gets the log diagnostics', () => {
  const ws = workspaceFromFolder(root);
  ws.set('untitled:Untitled-1', PATTERN_SAMPLES['sysext-activated-waiting-for-user']!.line, 1, undefined, 'driverkit-log');
  const s = getLanguageService(ws);
  const diagnostics = s.doValidation('untitled:Untitled-1');
  assert.equal(diagnostics.length, 1);
  assert.match(diagnostics[0]!.message, /activated, waiting for user/);
  assert.equal(diagnostics[0]!.related?.[0]?.uri, pathToUri(infoPlist));
});

test('the explanation preview links to the files at fault with file:// URIs and #L lines', () => {
  const ws = workspaceFromFolder(root);
  const markdown = explainText(readFileSync(logPath, 'utf8'), ws);
  const line = lineOf(appEntitlements, '<string>com.example.ExampleDriver</string>') + 1;
  assert.ok(markdown.includes(`](${pathToUri(appEntitlements)}#L${line})`), markdown);
  assert.match(markdown, /^# Explanation\n\nRecognised 5 things\./);
  assert.match(markdown, /## User client refused: userclient-access check failed\n\n\*Line 1:\* `DK: ExampleDriver-0x100000b21:UC failed/);
  assert.ok(!markdown.includes('command:'), 'the preview uses file links, not command links');
  // Without a workspace: the explanations alone.
  const alone = explainText('0xE00002E2');
  assert.match(alone, /## kIOReturnNotPermitted \(0xE00002E2\)/);
  assert.ok(!alone.includes('Configuration at fault'));
  assert.match(explainText('hello'), /Nothing recognised/);
  assert.match(explainText('0x10000003'), /not an IOKit error.*system 0x4/);
});
