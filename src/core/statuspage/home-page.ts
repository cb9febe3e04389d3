// Where "Open Status Page" goes: the human page of the site whose JSON we poll.

/** The human status page for a summary.json URL: the same site, without /api/v2/...; undefined unless http(s). */
export function statusPageHome(summaryUrl: string): string | undefined {
  try {
    const url = new URL(summaryUrl);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
    return `${url.origin}${url.pathname.replace(/\/api\/v2\/.*$/, '/')}`;
  } catch {
    return undefined;
  }
}
