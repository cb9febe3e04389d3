// A check's duration as the CLI's report writes it ("850 ms", "2.3 s"): the same in every language.
export function duration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}
