// Turning a recognised code or log line into an Explanation: the schemas' knowledge, with the
// log line's captures filled into the targets.
import type { CodeToken } from './codes';
import { formsOf, ioKitSystemSource, layoutOf, type IoReturnCode } from './ioreturn';
import { type IoReturnReading } from '../knowledge/ioreturn';
import type { LogLineMatch } from './log-patterns';
import { systemExtensionDomain } from './system-extension';
import { type SystemExtensionError } from '../knowledge/system-extension-errors';
import type { Explanation, Target } from './types';
import type { TargetSpec } from '../knowledge/targets';

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}

/** The first sentence of a Markdown paragraph (for one-line summaries). */
export function firstSentence(text: string): string {
  const m = /^.*?[.!?](?=\s|$)/.exec(text);
  return m ? m[0] : text;
}

/** Readings whose context words appear on the line come first: they are the likely ones. */
function orderReadings(readings: IoReturnReading[], line: string | undefined): IoReturnReading[] {
  if (!line) return readings;
  const likely = (r: IoReturnReading) => r.context.some((word) => line.includes(word));
  return [...readings.filter(likely), ...readings.filter((r) => !likely(r))];
}

export function explainIoReturn(code: IoReturnCode, line?: string): Explanation {
  const forms = formsOf(code.value);
  const readings = orderReadings(code.readings, line);
  const details = [
    `\`${code.name}\` = \`iokit_common_err(0x${code.code.toString(16)})\` = \`${forms.hex}\` = \`${forms.signed}\` = \`${forms.unsigned}\`: "(iokit/common) ${code.message}".`,
    ...readings.map((r) => `**${capitalize(r.when)}:** ${r.meaning}`),
  ];
  return {
    kind: 'ioreturn',
    id: code.name,
    title: `${code.name} (${forms.hex})`,
    summary: `${capitalize(code.message)}${/[.!]$/.test(code.message) ? '' : '.'}${readings.length ? ` ${firstSentence(readings[0]!.meaning)}` : ''}`,
    details,
    // The readings are the causes; the details already spell them out.
    causes: [],
    checks: readings.map((r) => `${capitalize(r.when)}: ${r.check}`),
    rules: unique(readings.flatMap((r) => r.rules)),
    targets: readings.flatMap((r) => r.targets),
    source: unique([code.source, ...readings.map((r) => r.source)].flatMap((x) => x.split('; '))).join('; '),
    verify: false,
    captures: {},
    forms,
  };
}

export function explainIoKitNumber(value: number): Explanation {
  const forms = formsOf(value);
  const layout = layoutOf(value);
  const family = layout.subsystemName ? `the ${layout.subsystemName} subsystem (0x${layout.subsystem.toString(16)})` : `subsystem 0x${layout.subsystem.toString(16)}`;
  return {
    kind: 'iokit-error',
    id: forms.hex,
    title: `IOKit error ${forms.hex}`,
    summary: `An IOKit error from ${family}, code 0x${layout.code.toString(16)}: not one of the common IOReturn codes; the family's headers define it.`,
    details: [
      `\`${forms.hex}\` = \`${forms.signed}\` = \`${forms.unsigned}\`: system 0x${layout.system.toString(16)} (IOKit), ${family}, code 0x${layout.code.toString(16)} (mach/error.h layout: \`iokit_family_err(sub, code)\`).`,
    ],
    causes: [],
    checks: [],
    rules: [],
    targets: [],
    source: ioKitSystemSource(),
    verify: false,
    captures: {},
    forms,
  };
}

export function explainSystemExtension(error: SystemExtensionError): Explanation {
  return {
    kind: 'system-extension',
    id: error.name,
    title: `OSSystemExtensionError.${error.name} (${systemExtensionDomain()} ${error.code})`,
    summary: `${error.apple} ${firstSentence(error.dext)}`,
    details: [`\`${error.objcName}\` = ${error.code}: ${error.apple}`, `**For a dext:** ${error.dext}`],
    causes: [],
    checks: error.check,
    rules: error.rules,
    targets: error.targets,
    source: error.source,
    verify: !!error.verify,
    captures: {},
    systemExtension: { code: error.code, name: error.name, objcName: error.objcName },
  };
}

/** `$capture` parameters filled from the captures; missing ones left out (no filter). */
export function fillTargets(specs: readonly TargetSpec[], captures: Record<string, string>): Target[] {
  return specs.map((spec) => {
    const target: Target = { kind: spec.kind };
    for (const [name, value] of Object.entries(spec) as [keyof TargetSpec, string][]) {
      if (name === 'kind') continue;
      const filled = value.startsWith('$') ? captures[value.slice(1)] : value;
      if (filled !== undefined) (target as unknown as Record<string, string>)[name] = filled;
    }
    return target;
  });
}

export function explainLogMatch(match: LogLineMatch): Explanation {
  const { pattern, captures } = match;
  return {
    kind: 'log-pattern',
    id: pattern.id,
    title: pattern.title,
    summary: firstSentence(pattern.explanation),
    details: [pattern.explanation],
    causes: pattern.causes,
    checks: [],
    rules: pattern.rules,
    targets: fillTargets(pattern.targets, captures),
    source: pattern.source,
    verify: !!pattern.verify,
    captures,
  };
}

export function explainToken(token: CodeToken, line?: string): Explanation {
  switch (token.kind) {
    case 'ioreturn':
      return explainIoReturn(token.code, line);
    case 'iokit-error':
      return explainIoKitNumber(token.value);
    case 'system-extension':
      return explainSystemExtension(token.error);
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
