// What the host-app rules need to know for sure about an app: which dexts it ships (its Xcode
// target depends on the dext's target, as "Embed System Extensions" makes it) and whether it runs
// on macOS. Without a project file neither is known, and the rules stay silent.
import { settingValues } from '../pbxproj/project';
import type { AppProduct, DextProduct } from '../workspace/model';

export function shippedDexts(app: AppProduct): DextProduct[] {
  const target = app.target;
  if (!app.project || !target) return [];
  return app.dexts.filter((d) => d.project === app.project && d.target && target.dependencies.includes(d.target.name));
}

/** Whether the app's target builds for macOS (SDKROOT or SUPPORTED_PLATFORMS name macosx). */
export function buildsForMacOS(app: AppProduct): boolean {
  if (!app.project || !app.target) return false;
  const values = [...settingValues(app.project, app.target, 'SDKROOT'), ...settingValues(app.project, app.target, 'SUPPORTED_PLATFORMS')];
  return values.some((v) => v.split(/\s+/).some((w) => w === 'macosx' || /^macosx[0-9.]*$/.test(w)));
}

/** Whether the app's target builds for iPadOS (SDKROOT or SUPPORTED_PLATFORMS name iphoneos). */
export function buildsForIPadOS(app: AppProduct): boolean {
  if (!app.project || !app.target) return false;
  const values = [...settingValues(app.project, app.target, 'SDKROOT'), ...settingValues(app.project, app.target, 'SUPPORTED_PLATFORMS')];
  return values.some((v) => v.split(/\s+/).some((w) => w === 'iphoneos' || /^iphoneos[0-9.]*$/.test(w)));
}
