// The matching rules (dext Info.plist against loaded I/O Registry dumps), one file each.
import type { Rule } from '../types';
import { personalityMatches } from './personality-matches';
import { personalityNoMatch } from './personality-no-match';

export const matchingRules: Rule[] = [personalityNoMatch, personalityMatches];
