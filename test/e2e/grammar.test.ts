// The iig and DriverKit Log grammars, tokenized by VS Code's own TextMate engine (vscode-textmate
// and vscode-oniguruma as shipped in the provisioned code-server) with VS Code's C++ grammar
// embedded: the DriverKit annotations are found inside class bodies and parameter lists too.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';
import { provision, ProvisionUnavailable } from './provision.mjs';

const repoRoot = resolve(__dirname, '../..');

interface Token {
  text: string;
  scopes: string[];
}

type Tokenize = (scopeName: string, text: string) => Promise<Token[][]>;

/** A tokenizer over the extension's grammars and code-server's built-in ones, or a skip reason. */
async function loadTokenizer(): Promise<Tokenize | string> {
  let vscodeDir: string;
  try {
    vscodeDir = join(dirname(dirname(dirname(provision().codeServerEntry))), 'lib', 'vscode');
  } catch (error) {
    if (error instanceof ProvisionUnavailable) return `code-server cannot be provisioned here: ${error.message}`;
    throw error;
  }
  const requireFromVscode = createRequire(join(vscodeDir, 'package.json'));
  const textmate = requireFromVscode('vscode-textmate');
  const oniguruma = requireFromVscode('vscode-oniguruma');
  const wasm = readFileSync(join(dirname(requireFromVscode.resolve('vscode-oniguruma')), 'onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));

  const grammars: Record<string, string> = {
    'source.iig': join(repoRoot, 'syntaxes/iig.tmLanguage.json'),
    'text.log.driverkit': join(repoRoot, 'syntaxes/driverkit-log.tmLanguage.json'),
  };
  for (const ext of ['cpp']) {
    const manifest = JSON.parse(readFileSync(join(vscodeDir, 'extensions', ext, 'package.json'), 'utf8'));
    for (const g of manifest.contributes.grammars as { scopeName: string; path: string }[]) {
      grammars[g.scopeName] = join(vscodeDir, 'extensions', ext, g.path);
    }
  }
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scopeName: string) => {
      const path = grammars[scopeName];
      return path ? textmate.parseRawGrammar(readFileSync(path, 'utf8'), path) : null;
    },
  });
  return async (scopeName, text) => {
    const grammar = await registry.loadGrammar(scopeName);
    assert.ok(grammar, scopeName);
    let state = textmate.INITIAL;
    return text.split('\n').map((line) => {
      const result = grammar.tokenizeLine(line, state);
      state = result.ruleStack;
      return result.tokens.map((t: { startIndex: number; endIndex: number; scopes: string[] }) => ({
        text: line.slice(t.startIndex, t.endIndex),
        scopes: t.scopes,
      }));
    });
  };
}

function scopesOf(lines: Token[][], text: string): string[] {
  const token = lines.flat().find((t) => t.text === text);
  assert.ok(token, `no token “${text}” in ${JSON.stringify(lines.flat().map((t) => t.text))}`);
  return token.scopes;
}

const IIG = `#include <DriverKit/IOService.iig>

class MyDriver : public IOService
{
public:
    virtual kern_return_t Start(IOService * provider) override;
    virtual kern_return_t CopyEvent(uint64_t * event) QUEUENAME(EventQueue);
    virtual void Completed(OSAction * action) TYPE(IOService::Completed) LOCAL;
    virtual kern_return_t Poll() REMOTE LOCALONLY;
    // QUEUENAME(NotThis) in a comment is a comment
};
`;

test('the iig grammar embeds C++ and highlights the DriverKit annotations', async (t) => {
  const tokenize = await loadTokenizer();
  if (typeof tokenize === 'string') {
    t.skip(tokenize);
    return;
  }
  const lines = await tokenize('source.iig', IIG);
  assert.ok(scopesOf(lines, 'class').some((s) => s.startsWith('storage.type') && s.endsWith('.cpp')), 'C++ highlighting is embedded');
  assert.ok(scopesOf(lines, 'QUEUENAME').includes('storage.modifier.queuename.iig'));
  assert.ok(scopesOf(lines, 'EventQueue').includes('entity.name.label.queue.iig'));
  for (const word of ['LOCALONLY', 'LOCAL', 'REMOTE']) assert.ok(scopesOf(lines, word).includes('storage.modifier.dispatch.iig'), word);
  assert.ok(scopesOf(lines, 'TYPE').includes('storage.modifier.type.iig'));
  const comment = lines[9].find((tok) => tok.text.includes('NotThis'));
  assert.ok(comment?.scopes.some((s) => s.startsWith('comment')), 'annotations in comments stay comments');
  assert.ok(!lines[9].some((tok) => tok.scopes.includes('storage.modifier.queuename.iig')));

  for (const source of [
    'kern_return_t IMPL(MyDriver, Start) { return Start(provider, SUPERDISPATCH); }',
    'kern_return_t\nIMPL(MyDriver, Start)\n{\n    return Start(provider, SUPERDISPATCH);\n}',
  ]) {
    const impl = await tokenize('source.iig', source);
    assert.ok(scopesOf(impl, 'IMPL').includes('keyword.other.impl.iig'), source);
    assert.ok(scopesOf(impl, 'SUPERDISPATCH').includes('storage.modifier.dispatch.iig'), source);
    assert.ok(scopesOf(impl, 'return').some((s) => s.startsWith('keyword.control')), 'the body is C++');
  }
});

test('the DriverKit Log grammar marks IOReturn codes, DK: lines and failures', async (t) => {
  const tokenize = await loadTokenizer();
  if (typeof tokenize === 'string') {
    t.skip(tokenize);
    return;
  }
  const lines = await tokenize(
    'text.log.driverkit',
    '2024-05-01 10:00:00.123456+0200 kernel: DK: MyDriver-0x100000a2b::start(IOUserResources-0x100000123) ok\n' +
      'IOServiceOpen failed: 0xe00002e2 (-536870174) "com.example.MyDriver"',
  );
  assert.ok(scopesOf(lines, '2024-05-01 10:00:00.123456+0200').includes('comment.line.timestamp.driverkit-log'));
  assert.ok(scopesOf(lines, 'DK:').includes('entity.name.tag.driverkit-log'));
  assert.ok(scopesOf(lines, '0xe00002e2').includes('constant.numeric.ioreturn.driverkit-log'));
  assert.ok(scopesOf(lines, '-536870174').includes('constant.numeric.ioreturn.driverkit-log'));
  assert.ok(scopesOf(lines, 'failed').includes('invalid.illegal.failure.driverkit-log'));
  assert.ok(scopesOf(lines, '"com.example.MyDriver"').includes('string.quoted.driverkit-log'));
});
