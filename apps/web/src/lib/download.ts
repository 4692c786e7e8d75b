/**
 * Saves text produced by the API (CSV, vCard, JSON, Markdown, DAW markers) as a file, without a round trip
 * to a URL. CSV gets a byte-order mark so spreadsheets read it as UTF-8.
 */
export function downloadText(file: { filename: string; mimeType: string; content: string }): void {
  const bom = file.mimeType.startsWith('text/csv') && !file.content.startsWith('\ufeff') ? ['\ufeff'] : [];
  const url = URL.createObjectURL(new Blob([...bom, file.content], { type: file.mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.filename;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoke after the click has been handled, or some browsers cancel the download.
  window.setTimeout(() => URL.revokeObjectURL(url), 1000);
}
