import { UNIT_KINDS, type UnitKind } from '../../../shared/domain/units';

// Unit icons: one white shape per kind, drawn at run time on a canvas (no image files, no requests),
// used by deck.gl as a mask so each icon takes the unit's status colour. Each kind has a second
// shape with a nose for units whose heading is known; the layer rotates that one by the heading.

export const ICON_CELL_PX = 64;

export interface IconFrame {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly mask: true;
}

export const iconName = (kind: UnitKind, heading: boolean): string =>
  heading ? `${kind}:heading` : kind;

/** Cells left to right: each kind without then with a heading nose. */
export function iconMapping(): Record<string, IconFrame> {
  const out: Record<string, IconFrame> = {};
  UNIT_KINDS.forEach((kind, k) => {
    for (const heading of [false, true]) {
      out[iconName(kind, heading)] = {
        x: (2 * k + (heading ? 1 : 0)) * ICON_CELL_PX,
        y: 0,
        width: ICON_CELL_PX,
        height: ICON_CELL_PX,
        mask: true,
      };
    }
  });
  return out;
}

export const ATLAS_WIDTH_PX = 2 * UNIT_KINDS.length * ICON_CELL_PX;
export const ATLAS_HEIGHT_PX = ICON_CELL_PX;

/**
 * The subset of CanvasRenderingContext2D the shapes use (a test can record the calls). Written out
 * rather than picked from the DOM type so the node-side type check (tests) needs no DOM library.
 */
export interface ShapeContext {
  beginPath(): void;
  closePath(): void;
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
  arc(x: number, y: number, radius: number, startAngle: number, endAngle: number): void;
  fill(): void;
  stroke(): void;
  save(): void;
  restore(): void;
  translate(x: number, y: number): void;
  fillRect(x: number, y: number, w: number, h: number): void;
  roundRect(x: number, y: number, w: number, h: number, radii?: number): void;
  fillStyle: unknown;
  strokeStyle: unknown;
  lineWidth: number;
  globalCompositeOperation: string;
}

// Shapes are drawn in a 64 px cell centred on (0, 0), nose up (north); sizes leave room for the
// nose so rotation never clips.
function body(ctx: ShapeContext, kind: UnitKind): void {
  ctx.beginPath();
  switch (kind) {
    case 'officer-pair': // two heads side by side
      ctx.arc(-8, 2, 11, 0, 2 * Math.PI);
      ctx.moveTo(19, 2);
      ctx.arc(8, 2, 11, 0, 2 * Math.PI);
      break;
    case 'patrol-car': // a car seen from above
      ctx.roundRect(-11, -16, 22, 34, 6);
      break;
    case 'motorbike': // slim
      ctx.roundRect(-5, -17, 10, 34, 5);
      break;
    case 'traffic-car': // hexagon: reads apart from the patrol car at a glance
      for (let a = 0; a < 6; a++) {
        const t = (Math.PI / 3) * a + Math.PI / 6;
        const x = 16 * Math.cos(t);
        const y = 2 + 16 * Math.sin(t);
        if (a === 0) ctx.moveTo(x, y);
        else ctx.lineTo(x, y);
      }
      ctx.closePath();
      break;
    case 'drone': // a quadcopter: four rotors on a cross
      for (const [x, y] of [
        [-10, -8],
        [10, -8],
        [-10, 12],
        [10, 12],
      ] as const) {
        ctx.moveTo(x + 7, y);
        ctx.arc(x, y, 7, 0, 2 * Math.PI);
      }
      ctx.fill();
      ctx.beginPath();
      ctx.lineWidth = 5;
      ctx.moveTo(-10, -8);
      ctx.lineTo(10, 12);
      ctx.moveTo(10, -8);
      ctx.lineTo(-10, 12);
      ctx.stroke();
      return;
  }
  ctx.fill();
}

function nose(ctx: ShapeContext): void {
  ctx.beginPath();
  ctx.moveTo(0, -30);
  ctx.lineTo(9, -19);
  ctx.lineTo(-9, -19);
  ctx.closePath();
  ctx.fill();
}

/** Draws every icon of the atlas, white on transparent, into a context of the atlas size. */
export function drawIconAtlas(ctx: ShapeContext): void {
  ctx.fillStyle = '#ffffff';
  ctx.strokeStyle = '#ffffff';
  const mapping = iconMapping();
  for (const kind of UNIT_KINDS) {
    for (const heading of [false, true]) {
      const f = mapping[iconName(kind, heading)];
      if (!f) continue;
      ctx.save();
      ctx.translate(f.x + f.width / 2, f.y + f.height / 2);
      body(ctx, kind);
      if (heading) nose(ctx);
      ctx.restore();
    }
  }
}
