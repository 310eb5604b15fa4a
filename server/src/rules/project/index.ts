// Rules about the project itself: its files, and what Xcode reads to build it.
import type { Rule } from '../types';
import { configPathUnreadable } from './config-path-unreadable';
import { fileNotInTarget } from './file-not-in-target';
import { projectUnreadable } from './project-unreadable';
import { xcconfigInclude } from './xcconfig-include';
import { xcconfigSyntax } from './xcconfig-syntax';
import { xcodegenGenerated } from './xcodegen-generated';
import { xcodegenSpec } from './xcodegen-spec';

export const projectRules: Rule[] = [projectUnreadable, fileNotInTarget, xcconfigInclude, xcconfigSyntax, xcodegenSpec, xcodegenGenerated, configPathUnreadable];
