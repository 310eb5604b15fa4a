// The provisioning profile rules, one file each (file name = rule id).
import type { Rule } from '../types';
import { profileExpired } from './profile-expired';
import { profileMismatch } from './profile-mismatch';
import { profileUnreadable } from './profile-unreadable';

export const profileRules: Rule[] = [profileMismatch, profileExpired, profileUnreadable];
