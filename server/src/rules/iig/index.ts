// The .iig and .cpp rules, one file each (file name = rule id).
import type { Rule } from '../types';
import { familyQueueNotRegistered } from './family-queue-not-registered';
import { iigLocalAnnotation } from './iig-local-annotation';
import { iigSyntax } from './iig-syntax';
import { implWithoutDeclaration } from './impl-without-declaration';
import { missingRegisterService } from './missing-register-service';
import { missingRequiredOverride } from './missing-required-override';
import { missingSuperdispatch } from './missing-superdispatch';
import { queueNameDefault } from './queue-name-default';
import { queueNameInvalid } from './queue-name-invalid';
import { queueNameMismatch } from './queue-name-mismatch';
import { queueNotRegistered } from './queue-not-registered';
import { queueOnLocalonly } from './queue-on-localonly';
import { queueRegisteredLate } from './queue-registered-late';
import { queueUnused } from './queue-unused';
import { superdispatchInLocalonly } from './superdispatch-in-localonly';

export const iigRules: Rule[] = [
  iigSyntax,
  queueNotRegistered,
  queueNameMismatch,
  queueRegisteredLate,
  queueNameInvalid,
  queueNameDefault,
  queueOnLocalonly,
  queueUnused,
  missingSuperdispatch,
  implWithoutDeclaration,
  missingRequiredOverride,
  familyQueueNotRegistered,
  iigLocalAnnotation,
  superdispatchInLocalonly,
  missingRegisterService,
];
