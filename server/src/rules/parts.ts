// Rules checked one part at a time: each DriverKit personality of a dext Info.plist, or each dict
// of a plist. Written this way, a rule's `check` is its parts' checks in order, and validation can
// check again only the part an edit touched (rules/engine/kept.ts): a keystroke in one personality
// of a 1 MB Info.plist re-checks that personality, not the thousands beside it.
import { personalityEntries, personalityFactsOf, type PersonalityFacts } from '../dext/context';
import { personalitiesDict } from '../dext/personalities';
import { isAttached } from '../plist/incremental';
import type { PlistDict, PlistEntry } from '../plist/types';
import { forEachDict, forEachDictIn } from '../plist/walk';
import { PLIST_KINDS, type WorkspaceFile } from '../workspace/files';
import type { Rule, RuleContext, RuleMeta, RulePart, RuleParts } from './types';

const NONE: readonly RulePart[] = [];

/** The rule whose `check` is `prepare`, then each part of `all` in order. */
function rule(meta: RuleMeta, parts: RuleParts): Rule {
  return {
    meta,
    parts,
    check(context) {
      const shared = parts.prepare(context);
      if (shared === undefined) return;
      for (const part of parts.all(context.file)) parts.check(part, shared, context);
    },
  };
}

/**
 * Where a change of the tree is among the personalities: the entry of the personality it is
 * inside (its value, or its name); undefined when it is not inside one (the `IOKitPersonalities`
 * value itself read again, a root key edited: then every personality may have changed).
 */
function personalityTouched(file: WorkspaceFile, change: Parameters<RuleParts['touched']>[1]): Iterable<RulePart> | undefined {
  const splice = change.splice;
  if (!splice || change.withinRootKey === undefined) return undefined;
  if (change.withinRootKey !== 'IOKitPersonalities') return NONE;
  const step = splice.path[1];
  // Another `IOKitPersonalities` key than the one read (a duplicate), or none: not one personality.
  if (!step?.entry || step.container !== personalitiesDict(file)) return undefined;
  return [step.entry];
}

interface PersonalityRuleDefinition<S> {
  /** `reads` names `IOKitPersonalities` and what `prepare` reads (the rule without its parts is kept by it). */
  meta: RuleMeta;
  /**
   * What every personality's check shares, read from `meta.reads`, the model and other files;
   * undefined when no personality is to be checked. It may report (file-level reports).
   */
  prepare?: (context: RuleContext) => S | undefined;
  /** What `prepare` reads of one personality (undefined: not a DriverKit personality), when it reads any. */
  summary?: (p: PersonalityFacts | undefined) => string;
}

/**
 * A rule that checks each entry of `IOKitPersonalities` (every dict, DriverKit personality or not)
 * on its own, in document order, on dext Info.plists.
 */
export function personalityEntryRule<S = true>(definition: PersonalityRuleDefinition<S> & { check: (entry: PlistEntry, shared: S, context: RuleContext) => void }): Rule {
  const { meta, prepare, summary, check } = definition;
  return rule(meta, {
    kinds: ['dext-info-plist'],
    within: 'IOKitPersonalities',
    all: (file) => personalityEntries(file),
    touched: personalityTouched,
    inFile: (file, part) => 'dict' in part && part.dict === personalitiesDict(file),
    prepare: prepare ?? (() => true),
    ...(summary ? { summary: (file: WorkspaceFile, part: RulePart) => summary(personalityFactsOf(file, part as PlistEntry)) } : {}),
    check: (part, shared, context) => check(part as PlistEntry, shared as S, context),
  });
}

/** A rule that checks each DriverKit personality of a dext Info.plist on its own, in document order. */
export function personalityRule<S = true>(definition: PersonalityRuleDefinition<S> & { check: (p: PersonalityFacts, shared: S, context: RuleContext) => void }): Rule {
  const { check, ...rest } = definition;
  return personalityEntryRule<S>({
    ...rest,
    check(entry, shared, context) {
      const p = personalityFactsOf(context.file, entry);
      if (p) check(p, shared, context);
    },
  });
}

/**
 * A rule that checks each dict of a text plist on its own, from its own entries (their keys and
 * spans, not what their values hold): an edit re-checks the dicts it replaced and, when it edits
 * a key, the dict of that key. Binary plists have no spans to report: they have no parts.
 */
export function dictRule(definition: { meta: Omit<RuleMeta, 'reads'>; check: (dict: PlistDict, context: RuleContext) => void }): Rule {
  const { meta, check } = definition;
  return rule(meta, {
    kinds: PLIST_KINDS,
    all(file) {
      const dicts: PlistDict[] = [];
      if (!file.plist.binary) forEachDict(file.plist, (d) => dicts.push(d));
      return dicts;
    },
    touched(_file, change) {
      const splice = change.splice;
      if (!splice) return undefined;
      if (splice.keyEdited) return [splice.keyEdited.dict];
      const added = splice.added;
      if (!added || (added.kind !== 'dict' && added.kind !== 'array')) return NONE;
      const dicts: PlistDict[] = [];
      forEachDictIn(added, (d) => dicts.push(d));
      return dicts;
    },
    inFile: (file, part) => !('dict' in part) && isAttached(part, file.plist.root),
    prepare: () => true,
    check: (part, _shared, context) => check(part as PlistDict, context),
  });
}
