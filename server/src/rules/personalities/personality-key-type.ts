import { replaceNodeEdit } from '../util/plist-edits';
import { personalities, personalitySchema } from '../util/personalities';
import type { Rule } from '../types';

const KIND_NAME: Record<string, string> = { string: '<string>', integer: '<integer>', boolean: '<true/> or <false/>', dict: '<dict>', array: '<array>' };

export const personalityKeyType: Rule = {
  meta: {
    id: 'personality-key-type',
    defaultSeverity: 'error',
    appliesTo: ['dext-info-plist'],
    fixable: true,
    docs: {
      summary: 'A known matching key with the wrong type (`idVendor` as `<string>`, `IOProbeScore` as a string).',
      what: 'Reports a personality key from `schemas/personality-keys.jsonc` whose value has another plist type than the key takes: USB descriptor fields and `IOProbeScore` are integers, class names and PCI match strings are strings, `IOUserServerOneProcess` is a boolean.',
      why: 'IOKit compares matching values by type: `<string>1452</string>` never equals the device’s integer idVendor, so the personality silently matches nothing.',
      example: '```xml\n<key>idVendor</key>\n<string>1452</string>\n```',
      fix: 'Write the value in its type. The quick fix converts a numeric string (decimal or 0x hex) to `<integer>`.',
    },
  },
  check({ file, report }) {
    const byKey = new Map(personalitySchema().keys.map((k) => [k.key, k]));
    for (const p of personalities(file)) {
      for (const entry of p.dict.entries) {
        const spec = byKey.get(entry.key);
        const node = entry.value;
        if (!spec || !node || spec.type === 'any') continue;
        const kind = node.kind === 'true' || node.kind === 'false' ? 'boolean' : node.kind;
        if (kind === spec.type || (spec.type === 'integer' && kind === 'integer')) continue;
        const text = node.kind === 'string' ? node.text.trim() : '';
        const numeric = spec.type === 'integer' && /^(0[xX][0-9a-fA-F]+|[0-9]+)$/.test(text);
        report({
          start: node.start,
          end: node.end,
          message: `${entry.key} in personality '${p.name}' is a <${node.kind}>, but IOKit compares it as ${KIND_NAME[spec.type]}: the personality never matches. Write ${numeric ? `<integer>${text}</integer>` : `a ${KIND_NAME[spec.type]} value`}.`,
          fixes: numeric ? [{ title: `Convert to <integer>${text}</integer>`, edits: [replaceNodeEdit(node, `<integer>${text}</integer>`)], isPreferred: true }] : [],
        });
      }
    }
  },
};
