// Whether the user is around: the window has focus, or did something within
// probe.idleMinutes. Polling parks otherwise, so an unattended VS Code does not
// probe all night.
import type { Clock } from '../clock';

export class UserActivity {
  private focused = true;
  private lastActivityAt: number;

  constructor(private readonly clock: Clock) {
    this.lastActivityAt = clock.now();
  }

  setFocused(focused: boolean): void {
    this.focused = focused;
  }

  noteActivity(): void {
    this.lastActivityAt = this.clock.now();
  }

  /** `idleMinutes` 0 never counts the user as idle. */
  isActive(idleMinutes: number): boolean {
    if (idleMinutes === 0 || this.focused) return true;
    return this.clock.now() - this.lastActivityAt < idleMinutes * 60_000;
  }
}
