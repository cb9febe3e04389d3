// The one rule for URLs typed into settings or flags.
import { english, type Translate } from '../l10n';

export type UrlCheck = { ok: true; url: string } | { ok: false; reason: string };

/** Longer than any real endpoint; refused before parsing. */
const MAX_URL_LENGTH = 2048;

/**
 * `text` without its trailing slashes. A loop, not /\/+$/: that pattern retries
 * from every slash of a long run that is not at the end, quadratic in the run.
 */
export function trimTrailingSlashes(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 0x2f) end--;
  return text.slice(0, end);
}

/** Accepts absolute http(s) URLs without credentials; returns them without a trailing slash. */
export function checkHttpUrl(raw: string, t: Translate = english): UrlCheck {
  if (raw.length > MAX_URL_LENGTH) return { ok: false, reason: t`is longer than ${MAX_URL_LENGTH} characters` };
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    return { ok: false, reason: t`is not a valid URL` };
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    return { ok: false, reason: t`must start with https:// or http://` };
  }
  if (parsed.username || parsed.password) return { ok: false, reason: t`must not contain a user name or password` };
  return { ok: true, url: trimTrailingSlashes(parsed.href) };
}
