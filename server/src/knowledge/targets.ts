// Where the configuration behind a code or a log line lives, as the knowledge files write it
// (the `targets` of schemas/ioreturn.jsonc, log-patterns.jsonc and system-extension-errors.jsonc).

/**
 * A piece of configuration to open, as the schemas write it: a kind and its parameters, each
 * either literal or `$capture` (filled from the log line's named captures).
 */
export interface TargetSpec {
  kind: TargetKind;
  key?: string;
  keys?: string;
  value?: string;
  bundleId?: string;
  className?: string;
  keyPrefix?: string;
  /** `personality-key`: only personalities whose IOProviderClass is this. */
  providerClass?: string;
  /**
   * `personality-key`: only personalities where the key is absent or has another value (booleans
   * as `true` / `false`): those the log line may be about.
   */
  notValue?: string;
  /**
   * Targets of one group are alternatives, in order: the first that finds something wins. Default:
   * the targets of one kind and key.
   */
  group?: string;
}

export type TargetKind =
  | 'userclient-access'
  | 'app-entitlement'
  | 'dext-entitlements'
  | 'entitlement-keys'
  | 'personality-key'
  | 'info-plist-key'
  | 'class-queues';

