// Editor features of the dext Info.plist: hover, completion, go to definition from IOUserClass to
// its .iig class, the outline of the personalities, and "Add personality" templates.
import { getClassModel } from '../../workspace/classes';
import { dextClassesOf } from '../../dext/personality-families';
import type { FeatureContribution, Location, PositionContext } from '../types';
import { personalityCompletion } from './completion';
import { personalityHover } from './hover';
import { personalityOutline } from './outline';
import { addPersonalityActions } from './templates';
import { whereIs } from './where';

/** IOUserClass (of a personality, UserClientProperties or any dict nested in one) → the class in its .iig. */
function classDefinition(context: PositionContext): Location[] {
  const where = whereIs(context.file, context.offset);
  const node = where.entry?.value;
  if (where.entry?.key !== 'IOUserClass' || node?.kind !== 'string' || !where.personality) return [];
  const name = node.text.trim();
  const cls = dextClassesOf(context.workspace, context.file).find((c) => c.name === name) ?? getClassModel(context.workspace).get(name);
  return cls ? [{ uri: cls.file.uri, start: cls.nameStart, end: cls.nameEnd }] : [];
}

export const personalityFeatures: FeatureContribution = {
  name: 'personalities',
  appliesTo: ['dext-info-plist'],
  hover: personalityHover,
  completion: personalityCompletion,
  definition: classDefinition,
  documentSymbols: personalityOutline,
  codeActions: addPersonalityActions,
};
