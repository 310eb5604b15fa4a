// The status bar item shown while the server scans the workspace (`dext/scanStatus`).
import { StatusBarAlignment, window, type Disposable, type StatusBarItem } from 'vscode';
import type { ScanStatus } from '../../protocol/protocol';

export class ScanStatusItem implements Disposable {
  private readonly item: StatusBarItem;

  constructor() {
    this.item = window.createStatusBarItem('dext.scanStatus', StatusBarAlignment.Left, 0);
    this.item.name = 'DEXT Workspace Scan';
    this.item.command = 'dext.showOutput';
  }

  update(status: ScanStatus): void {
    if (status.state === 'end') {
      if (!status.notes?.length) {
        this.item.hide();
        return;
      }
      // Stays until the next scan: the user is told once why some checks are silent.
      this.item.text = `$(info) DEXT: ${status.notes.length} project${status.notes.length === 1 ? '' : 's'} not read`;
      this.item.tooltip = status.notes.join('\n\n');
      this.item.show();
      return;
    }
    this.item.text = status.files > 0 ? `$(sync~spin) DEXT: scanning ${status.files} files` : '$(sync~spin) DEXT: scanning workspace';
    this.item.tooltip = 'The DEXT language server is reading the workspace’s DriverKit files.';
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
