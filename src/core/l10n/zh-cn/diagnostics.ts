export const DIAGNOSTICS_ZH_CN: Readonly<Record<string, string>> = {};
