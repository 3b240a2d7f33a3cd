/**
 * An SVG picture drawn to PNG at 2× its size, on an offscreen canvas. The SVG goes in as a blob: URL (allowed by
 * the page's CSP for images) and holds no external resource — its only image is a data: URL — so the canvas is
 * never tainted and can be read back.
 */

/** How many device pixels a PNG has per CSS pixel of the chart: sharp on slides and high-density screens. */
export const PNG_SCALE = 2;

/** Loads an SVG file's text as an image. */
function loadSvgImage(svgText: string): Promise<HTMLImageElement> {
  const url = URL.createObjectURL(new Blob([svgText], { type: 'image/svg+xml' }));
  return new Promise<HTMLImageElement>((resolve, reject) => {
    const image = new Image();
    image.onload = () => resolve(image);
    image.onerror = () => reject(new Error('The picture could not be drawn as PNG (the browser refused its SVG).'));
    image.src = url;
  }).finally(() => URL.revokeObjectURL(url));
}

/** The SVG (of `width` × `height` CSS px) as PNG bytes of PNG_SCALE times that size. */
export async function svgToPng(svgText: string, width: number, height: number, scale = PNG_SCALE): Promise<Uint8Array> {
  const image = await loadSvgImage(svgText);
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round(height * scale);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('The picture could not be drawn as PNG (no 2-D canvas in this browser).');
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('The picture could not be drawn as PNG (the canvas gave no image).');
  return new Uint8Array(await blob.arrayBuffer());
}
