// The profiles rules, one file each (file name = rule id).
import type { Rule } from '../types';

export const profileRules: Rule[] = [];
