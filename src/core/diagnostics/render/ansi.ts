// The few terminal colours the plain-text report uses. Colour only when asked
// (stdout is a terminal and NO_COLOR is not set): a pipe, a file or a CI log
// gets the bare text.

export type Colour = 'red' | 'yellow' | 'green' | 'dim' | 'bold';

const CODES: Record<Colour, [open: number, close: number]> = {
  red: [31, 39],
  yellow: [33, 39],
  green: [32, 39],
  dim: [2, 22],
  bold: [1, 22],
};

export type Paint = (colour: Colour, text: string) => string;

export const noColour: Paint = (_colour, text) => text;

export const ansiColour: Paint = (colour, text) => {
  const [open, close] = CODES[colour];
  return `\u001b[${open}m${text}\u001b[${close}m`;
};

/** https://no-color.org: any non-empty NO_COLOR turns colour off. */
export function colourFor(isTTY: boolean | undefined, env: Readonly<Record<string, string | undefined>>): Paint {
  return isTTY === true && !env.NO_COLOR ? ansiColour : noColour;
}

/** C0 and C1 controls (ESC among them) and DEL, as spaces: text from the network must not move the cursor or recolour the terminal. */
export function terminalSafe(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ');
}
