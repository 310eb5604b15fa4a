// The logs rules, one file each (file name = rule id).
import type { Rule } from '../types';

export const logRules: Rule[] = [];
