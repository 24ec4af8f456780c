import { ATLAS_HEIGHT_PX, ATLAS_WIDTH_PX, drawIconAtlas } from './unitIcons';

// The DOM half of the unit icons: kept apart so the shapes (unitIcons.ts) stay testable under Node.

let atlas: HTMLCanvasElement | undefined;

/**
 * The atlas canvas, drawn once per page. deck.gl takes a canvas as an image prop directly, which
 * avoids a data: URL: those are fetched, and the CSP's connect-src 'self' would refuse the fetch.
 */
export function unitIconAtlas(doc: Document): HTMLCanvasElement | undefined {
  if (atlas) return atlas;
  const canvas = doc.createElement('canvas');
  canvas.width = ATLAS_WIDTH_PX;
  canvas.height = ATLAS_HEIGHT_PX;
  const ctx = canvas.getContext('2d');
  if (!ctx) return undefined;
  drawIconAtlas(ctx);
  atlas = canvas;
  return atlas;
}
