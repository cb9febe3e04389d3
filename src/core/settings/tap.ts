// Settings of the traffic tap the extension runs. Pointing the terminals'
// ANTHROPIC_BASE_URL at the tap routes the user's key through it, so only
// the user (machine scope), never a workspace, can turn that on.
import { SETTINGS_SECTION } from './monitor';
import { readSection, type SectionKey, type SectionSpec, type SectionValues } from './spec';

export const TAP_SPECS = {
  setTerminalBaseUrl: { key: 'tap.setTerminalBaseUrl', kind: 'boolean', default: false, scope: 'machine' },
} as const satisfies SectionSpec;

export type TapSettings = SectionValues<typeof TAP_SPECS>;
export type TapSettingKey = SectionKey<typeof TAP_SPECS>;

export function validateTapSettings(read: (key: TapSettingKey) => unknown): { tap: TapSettings; problems: string[] } {
  const problems: string[] = [];
  const tap = readSection(TAP_SPECS, read, SETTINGS_SECTION, problems);
  return { tap, problems };
}
