/** Saving a file the app made (an exported model) through the browser's download. */
import type { ExportFile } from '../shared/protocol';

/** How long the file's object URL lives after the click: long enough for the browser to start the download. */
const REVOKE_AFTER_MS = 10_000;

/** Downloads `file` under its own name, as a click on a temporary link would. */
export function downloadFile(file: ExportFile): void {
  const url = URL.createObjectURL(new Blob([file.bytes as BlobPart], { type: file.mime }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}
