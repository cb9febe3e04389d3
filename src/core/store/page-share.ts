// The status page as the prober window last read it, for the other windows:
// written as a Statuspage-shaped document and read back through the same
// parser that validates the real page, so a follower trusts the file no more
// than it would trust the network.
import { open, rename } from 'node:fs/promises';
import * as path from 'node:path';
import { parseJsonBounded } from '../json/bounded';
import { parseSummaryText } from '../statuspage/parse';
import type { StatusMaintenance, StatusIncident, StatusPageError, StatusSnapshot } from '../statuspage/types';

export const PAGE_FILE = 'status-page.json';
const MAX_PAGE_BYTES = 1024 * 1024;

export interface SharedPage {
  /** When the prober last tried. */
  attemptAt: number;
  snapshot?: StatusSnapshot;
  error?: StatusPageError;
}

function updates(item: StatusIncident | StatusMaintenance): unknown[] {
  return item.latestUpdate ? [{ status: item.latestUpdate.status, body: item.latestUpdate.body, created_at: item.latestUpdate.createdAt }] : [];
}

function toDocument(snapshot: StatusSnapshot): unknown {
  return {
    page: { updated_at: snapshot.pageUpdatedAt },
    status: { indicator: snapshot.indicator === 'unknown' ? undefined : snapshot.indicator, description: snapshot.description },
    components: snapshot.components.map((c) => ({ id: c.id, name: c.name, status: c.status })),
    incidents: snapshot.incidents.map((i) => ({
      id: i.id,
      name: i.name,
      status: i.status,
      impact: i.impact,
      created_at: i.createdAt,
      updated_at: i.updatedAt,
      shortlink: i.url,
      incident_updates: updates(i),
      components: i.componentIds.map((id) => ({ id })),
    })),
    scheduled_maintenances: snapshot.maintenances.map((m) => ({
      id: m.id,
      name: m.name,
      status: m.status,
      impact: m.impact,
      scheduled_for: m.scheduledFor,
      scheduled_until: m.scheduledUntil,
      updated_at: m.updatedAt,
      shortlink: m.url,
      incident_updates: updates(m),
      components: m.componentIds.map((id) => ({ id })),
    })),
  };
}

export async function writeSharedPage(dir: string, page: SharedPage): Promise<void> {
  const file = path.join(dir, PAGE_FILE);
  const body: Record<string, unknown> = { attemptAt: page.attemptAt };
  if (page.snapshot) body.fetchedAt = page.snapshot.fetchedAt;
  if (page.snapshot) body.document = toDocument(page.snapshot);
  if (page.error) body.error = { kind: page.error.kind, message: page.error.message.slice(0, 300) };
  const temporary = `${file}.${process.pid}.tmp`;
  const handle = await open(temporary, 'w', 0o600);
  try {
    await handle.writeFile(JSON.stringify(body));
  } finally {
    await handle.close();
  }
  await rename(temporary, file);
}

const ERROR_KINDS: readonly StatusPageError['kind'][] = ['network', 'timeout', 'http_status', 'too_large', 'not_json', 'invalid_json', 'unrecognised'];

/** The page the prober shared, validated; undefined when missing or unusable. */
export async function readSharedPage(dir: string): Promise<SharedPage | undefined> {
  let text: string;
  try {
    const handle = await open(path.join(dir, PAGE_FILE), 'r');
    try {
      const { size } = await handle.stat();
      if (size > MAX_PAGE_BYTES) return undefined;
      text = (await handle.readFile()).toString('utf8');
    } finally {
      await handle.close();
    }
  } catch {
    return undefined;
  }
  // Depth-checked before anything recursive (the re-serialising below) sees it.
  const parsed = parseJsonBounded(text, { maxBytes: MAX_PAGE_BYTES, maxDepth: 40 });
  if (!parsed.ok || typeof parsed.value !== 'object' || parsed.value === null || Array.isArray(parsed.value)) return undefined;
  const outer = parsed.value as Record<string, unknown>;
  const attemptAt = outer.attemptAt;
  if (typeof attemptAt !== 'number' || !Number.isFinite(attemptAt)) return undefined;
  const page: SharedPage = { attemptAt };
  if (outer.document !== undefined && typeof outer.fetchedAt === 'number' && Number.isFinite(outer.fetchedAt)) {
    const result = parseSummaryText(JSON.stringify(outer.document), outer.fetchedAt);
    if (result.ok) page.snapshot = result.snapshot;
  }
  const error = outer.error as { kind?: unknown; message?: unknown } | undefined;
  if (error && typeof error.message === 'string' && ERROR_KINDS.includes(error.kind as StatusPageError['kind'])) {
    page.error = { kind: error.kind as StatusPageError['kind'], message: error.message.slice(0, 300) };
  }
  return page;
}
