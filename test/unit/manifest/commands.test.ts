// The COMMANDS table registers the commands; package.json contributes them. They must agree.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { decideNotification } from '../../../src/core/view/notification';
import { COMMAND_NAMES, COMMANDS, commandIdsOfferedIn, TOOLTIP_COMMAND_IDS } from '../../../src/core/view/commands';
import { renderTooltip } from '../../../src/core/view/tooltip';
import { makeSnapshot } from '../core/support/views';

const root = path.resolve(__dirname, '../../..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  contributes: {
    commands: { command: string }[];
    menus: Record<string, { command: string }[]>;
    walkthroughs: { steps: { completionEvents?: string[] }[] }[];
  };
};
const tableIds: string[] = COMMAND_NAMES.map((name) => COMMANDS[name].id);

describe('the COMMANDS table', () => {
  it('holds exactly the commands package.json contributes, once each', () => {
    assert.equal(new Set(tableIds).size, tableIds.length, 'no id twice');
    assert.deepEqual([...tableIds].sort(), pkg.contributes.commands.map((c) => c.command).sort());
  });

  it('names each command claudeHealth.<its key>', () => {
    for (const name of COMMAND_NAMES) assert.equal(COMMANDS[name].id, `claudeHealth.${name}`);
  });

  it('covers every command that menus and the walkthrough name', () => {
    const fromMenus = Object.values(pkg.contributes.menus).flat().map((item) => item.command);
    const fromWalkthrough = pkg.contributes.walkthroughs
      .flatMap((w) => w.steps.flatMap((step) => step.completionEvents ?? []))
      .filter((event) => event.startsWith('onCommand:'))
      .map((event) => event.slice('onCommand:'.length));
    for (const id of [...fromMenus, ...fromWalkthrough]) assert.ok(tableIds.includes(id), id);
  });

  it('offers in the tooltip exactly the commands the tooltip links to', () => {
    const linked = [...renderTooltip(makeSnapshot(), { timeZone: 'UTC' }).matchAll(/\]\(command:([^)]+)\)/g)].map((m) => m[1]);
    assert.deepEqual([...new Set(linked)].sort(), [...TOOLTIP_COMMAND_IDS].sort());
  });

  it('offers in notifications the commands the notifications carry', () => {
    const outage = decideNotification({ state: 'operational', reasons: ['fine'] }, { state: 'outage', reasons: ['529s'] }, 'all');
    const actions = outage?.actions.map((action) => action.command) ?? [];
    assert.ok(actions.length > 0);
    for (const id of actions) assert.ok(commandIdsOfferedIn('notification').includes(id), id);
  });
});
