import { buildsForIPadOS, shippedDexts } from '../../dext/app';
import { entryOf } from '../../dext/personalities';
import type { Rule } from '../types';
import { personalityRule } from '../parts';
import { DEVICE_DEXT_INFO_PLIST, IPADOS_APP_SHIPS_DRIVER_PROJECT, RESOURCES_DEXT_INFO_PLIST } from '../example-projects';

const APP_ENTITLEMENTS = '<plist version="1.0">\n<dict>\n\t<key>com.apple.developer.driverkit.communicates-with-drivers</key>\n\t<true/>\n</dict>\n</plist>\n';

export const ipadosResourcesProvider: Rule = personalityRule({
  meta: {
    id: 'ipados-resources-provider',
    defaultSeverity: 'warning',
    appliesTo: ['dext-info-plist'],
    reads: ['IOKitPersonalities'],
    fixable: false,
    sources: [
      { ref: 'apple-oss-distributions/xnu@e3723e1f:iokit/Kernel/IOService.cpp:4942-4953 (IOService::startCandidate, !XNU_TARGET_OS_OSX: a third-party server not signed for development on IOUserResources/IOResources exits with "Third party driver may only match real hardware")', primary: true },
    ],
    docs: {
      summary: 'A dext shipped by an iPadOS app matches `IOUserResources`: outside development signing, iPadOS refuses third-party dexts there.',
      what: 'Reports the `IOProviderClass` of a DriverKit personality on `IOUserResources` when an app target that builds for iPadOS (`SDKROOT` or `SUPPORTED_PLATFORMS` names `iphoneos`) ships the dext (its target embeds or depends on the dext’s). Needs the project file; silent for macOS-only apps. A dext personality on `IOResources` is refused on every platform: `dext-on-ioresources`.',
      why: 'On iPadOS (every kernel but macOS’s, release builds), `IOService::startCandidate` stops a third-party dext whose server is not signed for development from attaching to `IOUserResources` or `IOResources`: it detaches the service and tells the dext’s server to exit with `Third party driver may only match real hardware` (xnu `IOService.cpp`). A virtual driver built from the Xcode template’s `IOUserResources` personality works in development builds and stops working once distributed.',
      example: '```xml\n<key>IOProviderClass</key>\n<string>IOUserResources</string>\n```',
      fix: 'On iPadOS, match the hardware the driver is for (`IOUSBHostInterface`, `IOPCIDevice`, …).',
      examples: {
        invalid: [
          {
            files: {
              'Driver/Info.plist': RESOURCES_DEXT_INFO_PLIST,
              'MyApp.xcodeproj/project.pbxproj': IPADOS_APP_SHIPS_DRIVER_PROJECT,
              'App/App.entitlements': APP_ENTITLEMENTS,
            },
          },
        ],
        valid: [
          {
            files: {
              'Driver/Info.plist': DEVICE_DEXT_INFO_PLIST,
              'MyApp.xcodeproj/project.pbxproj': IPADOS_APP_SHIPS_DRIVER_PROJECT,
              'App/App.entitlements': APP_ENTITLEMENTS,
            },
          },
        ],
      },
    },
  },
  prepare({ file, workspace }) {
    const dext = workspace.dextOf(file);
    if (!dext?.project || !dext.target) return undefined;
    const app = dext.apps.find((a) => buildsForIPadOS(a) && shippedDexts(a).includes(dext));
    return app ? { app: app.name } : undefined;
  },
  check(p, { app }, { report }) {
    // On IOResources a dext is refused on every platform: dext-on-ioresources.
    if (p.provider !== 'IOUserResources' || !entryOf(p, 'IOUserServerName')) return;
    const node = entryOf(p, 'IOProviderClass')!.value!;
    report({
      start: node.start,
      end: node.end,
      message: `Personality '${p.name}' matches ${p.provider}, and the iPadOS app ${app} ships this dext: iPadOS refuses third-party dexts on ${p.provider} unless they are signed for development (the server exits with "Third party driver may only match real hardware"). Match the hardware the driver is for.`,
    });
  },
});
