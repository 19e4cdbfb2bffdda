/**
 * The add-in's icons, drawn in code at build time (no binary files in the repository, crisp at every size): a
 * report sheet on the brand blue with a green check badge. Shapes are signed-distance functions, supersampled.
 */
import { deflateSync } from 'node:zlib';

type Rgb = readonly [number, number, number];
/** Signed distance (in icon units, 0..1) from a point to a shape: negative inside. */
type Shape = (x: number, y: number) => number;

const BRAND: Rgb = [0x0f, 0x6c, 0xbd];
const BRAND_LIGHT: Rgb = [0xb4, 0xd6, 0xfa];
const WHITE: Rgb = [0xff, 0xff, 0xff];
const GREEN: Rgb = [0x10, 0x7c, 0x10];

function roundBox(x0: number, y0: number, x1: number, y1: number, r: number): Shape {
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const hx = (x1 - x0) / 2 - r;
  const hy = (y1 - y0) / 2 - r;
  return (x, y) => {
    const qx = Math.abs(x - cx) - hx;
    const qy = Math.abs(y - cy) - hy;
    return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
  };
}

function circle(cx: number, cy: number, r: number): Shape {
  return (x, y) => Math.hypot(x - cx, y - cy) - r;
}

/** A stroked polyline with round caps. */
function stroke(points: readonly (readonly [number, number])[], width: number): Shape {
  return (x, y) => {
    let d = Infinity;
    for (let i = 0; i + 1 < points.length; i++) {
      const [ax, ay] = points[i]!;
      const [bx, by] = points[i + 1]!;
      const t = Math.max(
        0,
        Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)),
      );
      d = Math.min(d, Math.hypot(x - ax - t * (bx - ax), y - ay - t * (by - ay)));
    }
    return d - width / 2;
  };
}

/** Layers from the bottom up. Small sizes drop the ruling, which would only blur. */
function layers(size: number): { shape: Shape; color: Rgb }[] {
  const lines =
    size >= 32
      ? [0.36, 0.48, 0.6].map((y) => ({
          shape: stroke(
            [
              [0.29, y],
              [0.6, y],
            ],
            0.045,
          ),
          color: BRAND_LIGHT,
        }))
      : [];
  return [
    { shape: roundBox(0.02, 0.02, 0.98, 0.98, 0.2), color: BRAND },
    { shape: roundBox(0.18, 0.13, 0.72, 0.83, 0.06), color: WHITE },
    ...lines,
    { shape: circle(0.71, 0.71, 0.25), color: WHITE },
    { shape: circle(0.71, 0.71, 0.2), color: GREEN },
    {
      shape: stroke(
        [
          [0.615, 0.715],
          [0.685, 0.785],
          [0.81, 0.645],
        ],
        size >= 32 ? 0.055 : 0.075,
      ),
      color: WHITE,
    },
  ];
}

/** RGBA pixels of the icon at a size (4×4 supersampling per pixel). */
export function drawIcon(size: number): Uint8Array {
  const SS = 4;
  const px = new Uint8Array(size * size * 4);
  const ls = layers(size);
  for (let py = 0; py < size; py++) {
    for (let pxi = 0; pxi < size; pxi++) {
      let r = 0,
        g = 0,
        b = 0,
        a = 0;
      for (let sy = 0; sy < SS; sy++) {
        for (let sx = 0; sx < SS; sx++) {
          const x = (pxi + (sx + 0.5) / SS) / size;
          const y = (py + (sy + 0.5) / SS) / size;
          let cr = 0,
            cg = 0,
            cb = 0,
            ca = 0;
          for (const l of ls) {
            if (l.shape(x, y) > 0) continue;
            [cr, cg, cb] = l.color;
            ca = 1;
          }
          r += cr * ca;
          g += cg * ca;
          b += cb * ca;
          a += ca;
        }
      }
      const i = (py * size + pxi) * 4;
      const n = SS * SS;
      px[i] = a ? Math.round(r / a) : 0;
      px[i + 1] = a ? Math.round(g / a) : 0;
      px[i + 2] = a ? Math.round(b / a) : 0;
      px[i + 3] = Math.round((a / n) * 255);
    }
  }
  return px;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** Encodes RGBA pixels as a PNG (8-bit, colour type 6, no filtering: icons are tiny). */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) raw.set(rgba.subarray(y * width * 4, (y + 1) * width * 4), y * (width * 4 + 1) + 1);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

export function iconPng(size: number): Buffer {
  return encodePng(size, size, drawIcon(size));
}
