// Line-by-line reading for the scanners. Every pattern in sdk-scan runs on one
// line at a time, and a line longer than MAX_LINE_CHARS reads as empty, so no
// pattern sees more than a few kilobytes however a file is shaped (one 500 KB
// line, or 500,000 blank ones). Empty rather than cut: the start of a line
// can mean something its whole does not.
import { ScanBudget } from './budget';

/** No manifest entry or SDK call needs a longer line; minified code is cut here. */
export const MAX_LINE_CHARS = 4096;
/** How many lines pass between two looks at the clock. */
const LINES_PER_BUDGET_CHECK = 2048;

/** The lines of `text` without their line ends, overlong ones as ''; ends early once the budget is exhausted. */
export function* linesOf(text: string, budget: ScanBudget = ScanBudget.unlimited()): Generator<string> {
  let start = 0;
  for (let count = 1; start <= text.length; count++) {
    if (count % LINES_PER_BUDGET_CHECK === 0 && budget.exhausted()) return;
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = end - start > MAX_LINE_CHARS + 1 ? '' : text.slice(start, end);
    yield line.endsWith('\r') ? line.slice(0, -1) : line;
    start = end + 1;
  }
}
