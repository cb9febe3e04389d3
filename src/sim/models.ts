/** Models the simulator knows; any other model id gets the real API's 404. */
export interface SimModel {
  id: string;
  display_name: string;
  created_at: string;
}

export const SIM_MODELS: readonly SimModel[] = [
  { id: 'claude-opus-4-5', display_name: 'Claude Opus 4.5', created_at: '2025-11-24T00:00:00Z' },
  { id: 'claude-haiku-4-5', display_name: 'Claude Haiku 4.5', created_at: '2025-10-15T00:00:00Z' },
  { id: 'claude-sonnet-4-5', display_name: 'Claude Sonnet 4.5', created_at: '2025-09-29T00:00:00Z' },
  { id: 'claude-opus-4-1', display_name: 'Claude Opus 4.1', created_at: '2025-08-05T00:00:00Z' },
  { id: 'claude-opus-4-0', display_name: 'Claude Opus 4', created_at: '2025-05-22T00:00:00Z' },
  { id: 'claude-sonnet-4-0', display_name: 'Claude Sonnet 4', created_at: '2025-05-22T00:00:00Z' },
  { id: 'claude-3-5-haiku-latest', display_name: 'Claude Haiku 3.5', created_at: '2024-10-22T00:00:00Z' },
];

// A Map, so a model id such as "constructor" is looked up as an own key only.
const ALIASES: ReadonlyMap<string, string> = new Map([
  ['claude-opus-4-5-20251101', 'claude-opus-4-5'],
  ['claude-haiku-4-5-20251001', 'claude-haiku-4-5'],
  ['claude-sonnet-4-5-20250929', 'claude-sonnet-4-5'],
]);

export function findModel(id: string): SimModel | undefined {
  const canonical = ALIASES.get(id) ?? id;
  return SIM_MODELS.find((model) => model.id === canonical);
}
