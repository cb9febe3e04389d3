// The fake key the tests use, and the check that it never leaks.
import assert from 'node:assert/strict';

export const SENTINEL_KEY = 'sk-ant-api03-SENTINEL-do-not-leak-0123456789abcdefghijklmnopqrstuvwxyz';

/** Fails when the sentinel key, or any part of it long enough to matter, appears in the text. */
export function assertNoSentinel(text: string, where: string): void {
  assert.ok(!text.includes(SENTINEL_KEY), `${where} contains the API key`);
  assert.ok(!text.includes('SENTINEL-do-not-leak'), `${where} contains part of the API key`);
}
