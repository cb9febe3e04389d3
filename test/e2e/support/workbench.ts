// Drives the VS Code workbench in Debian's Chromium through Playwright, the way a
// person would: F1 and a command title, the status bar, notifications, the
// editor. Every wait is on a condition in the page, bounded by a timeout; a
// cold start of the first extension status item took ~19 s here, hence the
// generous bounds.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Frame, type Locator, type Page } from 'playwright-core';
import { readE2eTools } from './code-server';

/** The workbench shell and an extension's first status item, on a cold start. */
export const STARTUP_TIMEOUT_MS = 90_000;
/** Anything that answers a click or a key. */
export const UI_TIMEOUT_MS = 15_000;

const repoRoot = path.resolve(__dirname, '..', '..', '..');
/**
 * Screenshots go to .test-output/e2e/screenshots on every run, and replace the README's
 * pictures in docs/screenshots only when asked (UPDATE_SCREENSHOTS=1 npm run test:e2e),
 * so a test run leaves the working tree as it found it.
 */
export const screenshotsDir = process.env.UPDATE_SCREENSHOTS === '1' ? path.join(repoRoot, 'docs', 'screenshots') : path.join(repoRoot, '.test-output', 'e2e', 'screenshots');

/**
 * Headless, and nothing that talks to Google: no sync, no component updates,
 * no background requests, no QUIC. Every host name resolves to nothing except
 * loopback, so even a stray request cannot leave the machine.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-features=Translate,OptimizationHints,MediaRouter',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: readE2eTools().chromium, headless: true, args: CHROMIUM_ARGS });
}

export interface NotificationInfo {
  severity: 'info' | 'warning' | 'error' | 'unknown';
  message: string;
  source: string;
  buttons: string[];
}

export type StatusBarKind = 'error' | 'warning' | 'prominent' | 'standard';

/** Labels a status bar item showed while recorded (codicons appear as nothing, text as shown). */
export interface TextRecording {
  stop(): Promise<string[]>;
}

let recordingCount = 0;

/** One status bar entry, found by the id its extension gave it. */
export class StatusBarItem {
  constructor(private readonly page: Page, readonly locator: Locator) {}

  async waitUntilVisible(timeoutMs = STARTUP_TIMEOUT_MS): Promise<this> {
    await this.locator.waitFor({ state: 'visible', timeout: timeoutMs });
    return this;
  }

  /** The label as shown, codicons dropped (e.g. "Claude 120 ms"). */
  async text(): Promise<string> {
    return normalize(await this.locator.locator('.statusbar-item-label').innerText());
  }

  /** Codicon names in the label, e.g. ["pass"]. */
  async icons(): Promise<string[]> {
    const classes: string[] = await this.locator.locator('.codicon').evaluateAll((nodes) => nodes.map((node) => (node as unknown as { className: string }).className));
    return classes.flatMap((names) => names.split(/\s+/).filter((c) => c.startsWith('codicon-') && c !== 'codicon-modifier-spin').map((c) => c.slice('codicon-'.length)));
  }

  /** What the background colour says: errorBackground → "error", warningBackground → "warning". */
  async kind(): Promise<StatusBarKind> {
    const classes = (await this.locator.getAttribute('class')) ?? '';
    if (classes.includes('error-kind')) return 'error';
    if (classes.includes('warning-kind')) return 'warning';
    if (classes.includes('prominent-kind')) return 'prominent';
    return 'standard';
  }

  async ariaLabel(): Promise<string> {
    return (await this.locator.getAttribute('aria-label')) ?? '';
  }

  /** Waits until the label satisfies `accept`, and returns it. */
  async waitForText(accept: (text: string) => boolean, timeoutMs = UI_TIMEOUT_MS, what = 'the expected text'): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let last = '';
    for (;;) {
      last = await this.text().catch(() => '');
      if (accept(last)) return last;
      if (Date.now() > deadline) throw new Error(`status bar item never showed ${what} within ${timeoutMs} ms; last text: "${last}"`);
      await this.page.waitForTimeout(100);
    }
  }

  /**
   * Records every label the item shows from now on, however briefly (a
   * MutationObserver in the page), until stop() returns them in order.
   */
  async recordTexts(): Promise<TextRecording> {
    const key = `claudeHealthTexts${++recordingCount}`;
    await this.locator.evaluate((node, key) => {
      // No DOM lib in this project's types: describe the little we use. No named
      // functions in here: the test build wraps them in a helper the page lacks.
      interface Observed { querySelector(selector: string): { textContent: string | null } | null }
      interface Observer { observe(target: unknown, options: object): void; disconnect(): void }
      const page = globalThis as unknown as Record<string, unknown> & { MutationObserver: new (callback: () => void) => Observer };
      const item = node as unknown as Observed;
      const texts = [(item.querySelector('.statusbar-item-label')?.textContent ?? '').trim()];
      const observer = new page.MutationObserver(() => {
        const text = (item.querySelector('.statusbar-item-label')?.textContent ?? '').trim();
        if (texts[texts.length - 1] !== text) texts.push(text);
      });
      observer.observe(node, { subtree: true, childList: true, characterData: true, attributes: true });
      page[key] = { texts, observer };
    }, key);
    return {
      stop: () =>
        this.page.evaluate((key) => {
          const page = globalThis as unknown as Record<string, { texts: string[]; observer: { disconnect(): void } } | undefined>;
          const recording = page[key];
          recording?.observer.disconnect();
          delete page[key];
          return recording?.texts ?? [];
        }, key),
    };
  }

  /** Hovers the item and returns the hover's text (its rendered markdown); the hover is closed again. */
  async tooltip(): Promise<string> {
    const text = await this.showTooltip();
    await dismissHover(this.page);
    return text;
  }

  /** Hovers the item and leaves the hover open (for a screenshot); returns its text. */
  async showTooltip(): Promise<string> {
    const hover = this.page.locator('.workbench-hover-container .monaco-hover, .monaco-hover.workbench-hover').filter({ visible: true });
    await this.locator.hover();
    await hover.first().waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    return normalize(await hover.first().innerText());
  }

  async hideTooltip(): Promise<void> {
    await dismissHover(this.page);
  }
}

async function dismissHover(page: Page): Promise<void> {
  await page.mouse.move(0, 0);
  await page.keyboard.press('Escape');
  await page.locator('.workbench-hover-container').filter({ visible: true }).waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS }).catch(() => undefined);
}

/** Monaco renders spaces as no-break spaces and may leave trailing blanks. */
function normalize(text: string): string {
  return text.replace(/\u00a0/g, ' ').replace(/[ \t]+\n/g, '\n').trim();
}

export class Workbench {
  private constructor(private readonly context: BrowserContext, readonly page: Page) {}

  /** Opens the workbench at `url` and waits until it can take commands. */
  static async open(browser: Browser, url: string): Promise<Workbench> {
    // Clipboard access: Monaco draws only the lines in view, so a whole document is read as a person would copy it.
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, permissions: ['clipboard-read', 'clipboard-write'] });
    const page = await context.newPage();
    await page.goto(url);
    const workbench = new Workbench(context, page);
    await workbench.waitUntilReady();
    return workbench;
  }

  /** The shell is drawn and the status bar is there (it appears once the workbench restored). */
  async waitUntilReady(timeoutMs = STARTUP_TIMEOUT_MS): Promise<void> {
    await this.page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: timeoutMs });
    await this.page.locator('.part.statusbar').waitFor({ state: 'visible', timeout: timeoutMs });
    await this.page.locator('.part.editor').waitFor({ state: 'visible', timeout: timeoutMs });
  }

  /** A status bar entry by the id given to createStatusBarItem (the DOM id is prefixed with the extension id). */
  statusBarItem(id: string): StatusBarItem {
    return new StatusBarItem(this.page, this.page.locator(`.part.statusbar .statusbar-item[id$=${JSON.stringify(`.${id}`)}]`));
  }

  /** A status bar entry by its accessible label (what a screen reader says), e.g. /Claude API/. */
  statusBarItemLabelled(label: RegExp): StatusBarItem {
    const items = this.page.locator('.part.statusbar .statusbar-item');
    return new StatusBarItem(this.page, items.filter({ has: this.page.getByRole('button', { name: label }) }).first());
  }

  private get quickInput(): Locator {
    return this.page.locator('.quick-input-widget');
  }

  private get quickInputBox(): Locator {
    return this.quickInput.locator('.quick-input-box input');
  }

  /**
   * Whether the command palette lists a command of exactly this title, with the
   * title typed in as a person would (the list is virtualised: only a filter
   * narrow enough puts a row on screen).
   */
  async paletteLists(title: string): Promise<boolean> {
    await this.openPalette(title);
    const row = this.paletteRow(title);
    const listed = await row.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS }).then(() => true, () => false);
    await this.closeQuickInput();
    return listed;
  }

  private paletteRow(title: string): Locator {
    return this.quickInput.locator('.monaco-list-row').filter({ has: this.page.locator('.label-name').getByText(title, { exact: true }) }).first();
  }

  private async openPalette(filter: string): Promise<void> {
    await this.closeQuickInput();
    await this.page.keyboard.press('F1');
    await this.quickInputBox.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    await this.quickInputBox.fill(`>${filter}`);
  }

  async closeQuickInput(): Promise<void> {
    if (await this.quickInput.isVisible()) {
      await this.page.keyboard.press('Escape');
      await this.quickInput.waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS });
    }
  }

  /**
   * Runs a command through F1 by its full title ("Claude Health: Show Log").
   * Fails if the palette does not list it (the extension did not contribute or activate it).
   */
  async runCommand(title: string, timeoutMs = UI_TIMEOUT_MS): Promise<void> {
    await this.openPalette(title);
    const row = this.paletteRow(title);
    try {
      await row.waitFor({ state: 'visible', timeout: timeoutMs });
    } catch {
      const listed = await this.quickInput.locator('.monaco-list-row .label-name').allInnerTexts();
      throw new Error(`the command palette does not list "${title}"; it lists: ${listed.map(normalize).join(' | ') || 'nothing'}`);
    }
    await row.click();
  }

  /**
   * Answers an input box opened by a command: waits until the quick input shows
   * `title` (the input box's title or prompt), types `value`, presses Enter.
   */
  async answerInputBox(title: string | RegExp, value: string): Promise<void> {
    const header = this.quickInput.locator('.quick-input-title, .quick-input-message, .quick-input-header');
    await header.filter({ hasText: title }).first().waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    await this.quickInputBox.fill(value);
    await this.page.keyboard.press('Enter');
    await this.quickInput.waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS });
  }

  /** Waits for the quick pick titled `title` (a command's question) and returns the labels it offers, in order. */
  async quickPickLabels(title: string | RegExp): Promise<string[]> {
    await this.quickInput.locator('.quick-input-title').filter({ hasText: title }).first().waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    const rows = this.quickInput.locator('.quick-input-list .monaco-list-row');
    await rows.first().waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    const found = await rows.evaluateAll((nodes) =>
      nodes.map((node) => {
        const row = node as unknown as { getAttribute(name: string): string | null; querySelector(selector: string): { textContent: string | null } | null };
        return { index: Number(row.getAttribute('data-index') ?? 0), label: row.querySelector('.label-name')?.textContent ?? '' };
      }),
    );
    return found.sort((a, b) => a.index - b.index).map((row) => normalize(row.label));
  }

  /**
   * The frame of a webview whose page has `selector` (webviews are iframes inside
   * iframes in code-server); waits until one does.
   */
  async webviewFrame(selector: string, timeoutMs = UI_TIMEOUT_MS): Promise<Frame> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      for (const frame of this.page.frames()) {
        if (frame === this.page.mainFrame()) continue;
        if ((await frame.locator(selector).count().catch(() => 0)) > 0) return frame;
      }
      if (Date.now() > deadline) throw new Error(`no webview shows ${selector}`);
      await this.page.waitForTimeout(250);
    }
  }

  /** Answers a save dialog (VS Code's own, in code-server): types the full path and presses Enter. */
  async answerSaveDialog(filePath: string): Promise<void> {
    await this.quickInputBox.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    // The simple file dialog fills in its default path a moment after it shows, which can
    // overwrite what was typed: type again until the path stays for a beat, then accept.
    const until = Date.now() + UI_TIMEOUT_MS;
    for (;;) {
      await this.quickInputBox.fill(filePath);
      await this.page.waitForTimeout(300);
      if ((await this.quickInputBox.inputValue()) === filePath) break;
      if (Date.now() > until) throw new Error(`the save dialog kept replacing ${filePath}`);
    }
    await this.page.keyboard.press('Enter');
    await this.quickInput.waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS });
  }

  /**
   * Saves a screenshot in the current theme as NAME, then toggles between the light
   * and dark themes, waits until `webview` shows the other one, saves NAME-dark, and
   * toggles back. (The window starts in the light theme.)
   */
  async screenshotsInBothThemes(name: string, webview: Frame): Promise<void> {
    const isDark = (): Promise<boolean> => webview.evaluate(() => (globalThis as unknown as { document: { body: { classList: { contains(c: string): boolean } } } }).document.body.classList.contains('vscode-dark'));
    await this.screenshot(name);
    const wasDark = await isDark();
    await this.runCommand('Preferences: Toggle between Light/Dark Themes');
    await webview.waitForFunction((dark) => (globalThis as unknown as { document: { body: { classList: { contains(c: string): boolean } } } }).document.body.classList.contains('vscode-dark') === dark, !wasDark, { timeout: UI_TIMEOUT_MS });
    // The charts are drawn again in the new colours on the next frame.
    await webview.evaluate(() => new Promise((resolve) => (globalThis as unknown as { requestAnimationFrame(f: () => void): void }).requestAnimationFrame(() => resolve(undefined))));
    await this.screenshot(wasDark ? `${name}-light` : `${name}-dark`);
    await this.runCommand('Preferences: Toggle between Light/Dark Themes');
    await webview.waitForFunction((dark) => (globalThis as unknown as { document: { body: { classList: { contains(c: string): boolean } } } }).document.body.classList.contains('vscode-dark') === dark, wasDark, { timeout: UI_TIMEOUT_MS });
  }

  /**
   * Developer: Reload Window, as a person would, and waits until the reloaded
   * workbench can take commands (a marker left in the old page tells them apart).
   */
  async reloadWindow(): Promise<void> {
    await this.page.evaluate('globalThis.claudeHealthBeforeReload = true');
    await this.runCommand('Developer: Reload Window');
    const deadline = Date.now() + STARTUP_TIMEOUT_MS;
    for (;;) {
      // While the page navigates, evaluate fails: that is not yet the new page either.
      const reloaded = await this.page.evaluate('globalThis.claudeHealthBeforeReload === undefined').catch(() => false);
      if (reloaded === true) break;
      if (Date.now() > deadline) throw new Error('the window did not reload');
      await this.page.waitForTimeout(200);
    }
    await this.waitUntilReady();
  }

  /**
   * Everything the workbench keeps in the browser's storage (IndexedDB, where
   * VS Code in a browser persists its state, webviews' state among it; and
   * localStorage), as one text to search.
   */
  async browserStorageText(): Promise<string> {
    // A string, not a function: the page runs it as written, without the test build's helpers.
    return this.page.evaluate<string>(BROWSER_STORAGE_DUMP);
  }

  /** The text on the browser's clipboard (the context may read it). */
  async clipboardText(): Promise<string> {
    return this.page.evaluate(() => (globalThis as unknown as PageWithClipboard).navigator.clipboard.readText());
  }

  /** Answers the quick pick titled `title` with the item labelled exactly `label`. */
  async pickQuickPickItem(title: string | RegExp, label: string): Promise<void> {
    const labels = await this.quickPickLabels(title);
    if (!labels.includes(label)) throw new Error(`the quick pick "${String(title)}" offers ${labels.join(' | ')}, not "${label}"`);
    await this.quickInput.locator('.quick-input-list .monaco-list-row').filter({ has: this.page.locator('.label-name').getByText(label, { exact: true }) }).first().click({ timeout: UI_TIMEOUT_MS });
  }

  /** Clears every notification (Notifications: Clear All Notifications), so the next toast a test reads is new. */
  async clearNotifications(): Promise<void> {
    await this.runCommand('Notifications: Clear All Notifications');
    await this.page.locator('.notifications-toasts .notification-toast').first().waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS });
  }

  /** The notification toasts on screen now, read in one pass (toasts come and go while a test reads them). */
  async notifications(): Promise<NotificationInfo[]> {
    const toasts = this.page.locator('.notifications-toasts .notification-toast .notification-list-item');
    const raw = await toasts.evaluateAll((nodes) =>
      nodes.map((node) => {
        // No DOM lib in this project's types: describe the little we read.
        type Part = { className: string; innerText: string };
        const toast = node as unknown as { querySelector(selector: string): Part | null; querySelectorAll(selector: string): ArrayLike<Part> };
        return {
          icon: toast.querySelector('.notification-list-item-icon')?.className ?? '',
          message: toast.querySelector('.notification-list-item-message')?.innerText ?? '',
          source: toast.querySelector('.notification-list-item-source')?.innerText ?? '',
          buttons: Array.from(toast.querySelectorAll('.notification-list-item-buttons-container .monaco-button')).map((button) => button.innerText),
        };
      }),
    );
    return raw.map(({ icon, message, source, buttons }) => ({
      severity: icon.includes('codicon-error') ? 'error' : icon.includes('codicon-warning') ? 'warning' : icon.includes('codicon-info') ? 'info' : 'unknown',
      message: normalize(message),
      source: normalize(source.replace(/^Source:\s*/, '')),
      buttons: buttons.map(normalize),
    }));
  }

  /** Waits for a toast whose message matches, and returns it. */
  async waitForNotification(message: string | RegExp, timeoutMs = UI_TIMEOUT_MS): Promise<NotificationInfo> {
    const matches = (n: NotificationInfo): boolean => (typeof message === 'string' ? n.message.includes(message) : message.test(n.message));
    const deadline = Date.now() + timeoutMs;
    await this.notificationToast(message).waitFor({ state: 'visible', timeout: timeoutMs });
    for (;;) {
      // A toast still fading in can be on the page before its text reads as shown.
      const all = await this.notifications();
      const matching = all.find(matches);
      if (matching) return matching;
      if (Date.now() > deadline) throw new Error(`notification "${String(message)}" vanished before it could be read; on screen: ${all.map((n) => `"${n.message}"`).join(', ') || 'none'}`);
      await this.page.waitForTimeout(100);
    }
  }

  /** Clicks a button of the toast whose message matches. */
  async clickNotificationButton(message: string | RegExp, button: string): Promise<void> {
    const toast = this.notificationToast(message);
    await toast.locator('.notification-list-item-buttons-container .monaco-button').getByText(button, { exact: true }).click({ timeout: UI_TIMEOUT_MS });
  }

  private notificationToast(message: string | RegExp): Locator {
    return this.page
      .locator('.notifications-toasts .notification-toast .notification-list-item')
      .filter({ has: this.page.locator('.notification-list-item-message', { hasText: message }) })
      .first();
  }

  /** Opens a workspace file through Quick Open (Ctrl+P), as a person would. */
  async openFile(relativePath: string): Promise<void> {
    await this.closeQuickInput();
    await this.page.keyboard.press('Control+P');
    await this.quickInputBox.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    await this.quickInputBox.fill(relativePath);
    const name = path.basename(relativePath);
    await this.quickInput.locator('.monaco-list-row .label-name').getByText(name, { exact: true }).first().waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    await this.page.keyboard.press('Enter');
    await this.page.locator('.part.editor .tab.active').filter({ hasText: name }).waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    await this.activeEditorLines().first().waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  }

  private activeEditorLines(): Locator {
    return this.page.locator('.part.editor .editor-group-container.active .monaco-editor .view-lines .view-line');
  }

  /**
   * The active editor's text as rendered. Monaco draws only the lines in view,
   * which covers the small files the tests open.
   */
  async activeEditorText(): Promise<string> {
    return readRenderedLines(this.activeEditorLines());
  }

  /**
   * The active editor's whole text, however long: selected and copied as a
   * person would (Ctrl+A, Ctrl+C), then read from the clipboard. The selection
   * is left on the whole text.
   */
  async activeEditorFullText(): Promise<string> {
    await this.page.evaluate(() => (globalThis as unknown as PageWithClipboard).navigator.clipboard.writeText(''));
    // Focus without a click: a click may land on a hover or parameter hint over the text.
    await this.page.locator('.part.editor .editor-group-container.active .monaco-editor').locator('.native-edit-context, textarea.inputarea').first().focus();
    await this.page.keyboard.press('Control+A');
    await this.page.keyboard.press('Control+C');
    const deadline = Date.now() + UI_TIMEOUT_MS;
    for (;;) {
      const text = await this.page.evaluate(() => (globalThis as unknown as PageWithClipboard).navigator.clipboard.readText());
      if (text.length > 0) return text.replace(/\r\n/g, '\n');
      if (Date.now() > deadline) throw new Error('copying the active editor put nothing on the clipboard');
      await this.page.waitForTimeout(100);
    }
  }

  /** The language mode the status bar shows for the active editor ("Python", "Markdown"). */
  async activeEditorLanguage(): Promise<string> {
    const mode = this.page.locator('.part.statusbar .statusbar-item[id="status.editor.mode"]');
    await mode.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    return normalize(await mode.innerText());
  }

  /** Waits until the active editor's rendered lines satisfy `accept`, and returns them. */
  async waitForActiveEditorText(accept: (text: string) => boolean, timeoutMs = UI_TIMEOUT_MS, what = 'the expected text'): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const text = await this.activeEditorText().catch(() => '');
      if (accept(text)) return text;
      if (Date.now() > deadline) throw new Error(`the active editor never showed ${what} within ${timeoutMs} ms; it shows:\n${text}`);
      await this.page.waitForTimeout(100);
    }
  }

  /** Whether the active editor's tab shows unsaved changes. */
  async activeEditorIsDirty(): Promise<boolean> {
    const tab = this.page.locator('.part.editor .editor-group-container.active .tab.active');
    return ((await tab.getAttribute('class')) ?? '').split(/\s+/).includes('dirty');
  }

  /** Text of the Output panel, when a command showed an output channel. */
  async outputPanelText(): Promise<string> {
    return readRenderedLines(this.outputPanel().locator('.monaco-editor .view-lines .view-line'));
  }

  /** Waits until the Output panel is open on the channel named `channel`. */
  async waitForOutputChannel(channel: string, timeoutMs = UI_TIMEOUT_MS): Promise<void> {
    const panel = this.outputPanel();
    await panel.waitFor({ state: 'visible', timeout: timeoutMs });
    // The channel picker is a <select> in the panel's title bar.
    const picker = this.page.locator('.part.panel .monaco-select-box, .part.panel select').first();
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const selected = await picker.evaluate((node) => {
        // No DOM lib in this project's types: describe the little we read.
        const select = node as unknown as { selectedOptions?: ArrayLike<{ textContent: string | null }>; title?: string };
        return select.selectedOptions?.[0]?.textContent ?? select.title ?? '';
      }).catch(() => '');
      if (selected.trim() === channel) return;
      if (Date.now() > deadline) throw new Error(`the Output panel never showed the "${channel}" channel (selected: "${selected}")`);
      await this.page.waitForTimeout(100);
    }
  }

  private outputPanel(): Locator {
    return this.page.locator('.part.panel .output-view, .part.panel [id="workbench.panel.output"]').first();
  }

  /** Saves a PNG of the whole window to screenshotsDir/NAME.png and returns its path. */
  async screenshot(name: string): Promise<string> {
    mkdirSync(screenshotsDir, { recursive: true });
    const file = path.join(screenshotsDir, `${name}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  async close(): Promise<void> {
    await this.context.close();
  }
}

/** Reads every record of every IndexedDB database of the page's origin, and localStorage. */
const BROWSER_STORAGE_DUMP = `(async () => {
  const texts = [];
  const asText = (value) => {
    if (typeof value === 'string') return value;
    if (value instanceof Uint8Array || value instanceof ArrayBuffer) return new TextDecoder().decode(value);
    try { return JSON.stringify(value); } catch { return String(value); }
  };
  const request = (r) => new Promise((resolve, reject) => { r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
  for (const info of await indexedDB.databases()) {
    const db = await request(indexedDB.open(info.name));
    for (const store of Array.from(db.objectStoreNames)) {
      const tx = db.transaction(store, 'readonly');
      const keys = await request(tx.objectStore(store).getAllKeys());
      const values = await request(tx.objectStore(store).getAll());
      keys.forEach((key, i) => texts.push(info.name + '/' + store + '/' + asText(key) + ' = ' + asText(values[i])));
    }
    db.close();
  }
  for (let i = 0; i < localStorage.length; i++) texts.push('localStorage/' + localStorage.key(i) + ' = ' + localStorage.getItem(localStorage.key(i)));
  return texts.join('\\n');
})()`;

/** The page's global object as far as its clipboard goes (no DOM lib in this project's types). */
type PageWithClipboard = { navigator: { clipboard: { readText(): Promise<string>; writeText(text: string): Promise<void> } } };

async function readRenderedLines(lines: Locator): Promise<string> {
  const rendered = await lines.evaluateAll((nodes) =>
    nodes.map((node) => {
      const line = node as unknown as { style: { top: string }; innerText: string };
      return { top: Number.parseFloat(line.style.top) || 0, text: line.innerText };
    }),
  );
  rendered.sort((a, b) => a.top - b.top);
  return rendered.map((line) => line.text.replace(/\u00a0/g, ' ').trimEnd()).join('\n');
}
