// One owner of disposables. Anything added after shutdown is disposed at once,
// so a late async registration cannot leak past deactivate().
import type * as vscode from 'vscode';

export class DisposableStore implements vscode.Disposable {
  private readonly items: vscode.Disposable[] = [];
  private disposed = false;

  add<T extends vscode.Disposable>(item: T): T {
    if (this.disposed) item.dispose();
    else this.items.push(item);
    return item;
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    // Last in, first out: later objects may depend on earlier ones.
    for (const item of this.items.splice(0).reverse()) {
      try {
        item.dispose();
      } catch {
        // One failing dispose must not keep the others alive.
      }
    }
  }
}
