// Rules for every plist (`.plist`, `.entitlements`, `.plist.in`), one file each.
import type { Rule } from '../types';
import { binaryPlist } from './binary-plist';
import { duplicateKey } from './duplicate-key';
import { plistSyntax } from './plist-syntax';
import { plistValue } from './plist-value';

export const plistRules: Rule[] = [plistSyntax, plistValue, duplicateKey, binaryPlist];
