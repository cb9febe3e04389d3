/** The real status page's identity and components (ids are stable; names change). */
export const STATUS_PAGE_ID = 'tymt9n04zgry';
export const STATUS_PAGE_NAME = 'Claude';

export interface SimComponent {
  id: string;
  name: string;
  position: number;
  description: string | null;
}

export const CLAUDE_API_COMPONENT_ID = 'k8w3r06qmzrp';
export const CLAUDE_CODE_COMPONENT_ID = 'yyzkbfz2thpt';

export const SIM_COMPONENTS: readonly SimComponent[] = [
  { id: 'rwppv331jlwc', name: 'claude.ai', position: 1, description: null },
  { id: '0qbwn08sd68x', name: 'Claude Console (platform.claude.com)', position: 2, description: null },
  { id: CLAUDE_API_COMPONENT_ID, name: 'Claude API (api.anthropic.com)', position: 3, description: null },
  { id: CLAUDE_CODE_COMPONENT_ID, name: 'Claude Code', position: 4, description: null },
  { id: 'bpp5gb3hpjcl', name: 'Claude Cowork', position: 5, description: null },
  { id: '0scnb50nvy53', name: 'Claude for Government', position: 6, description: null },
];
