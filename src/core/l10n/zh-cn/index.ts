// Simplified Chinese, keyed by the English template (see ../translate.ts). One
// file per area so that parallel work on different areas does not collide.
// Written for developers: product names, error types, HTTP codes, header names,
// settings, flags and commands stay as they are.
import { DIAGNOSTICS_ZH_CN } from './diagnostics';
import { VIEW_ZH_CN } from './view';

export const ZH_CN: Readonly<Record<string, string>> = { ...VIEW_ZH_CN, ...DIAGNOSTICS_ZH_CN };
