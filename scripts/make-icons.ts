/**
 * Draws the add-in's icons (assets/icons/icon-16.png … icon-80.png): a green rounded square with a white
 * ranking podium (2nd, 1st, 3rd) — 排名与推荐. Not an upward arrow: in Office that reads as "upload", on a
 * tool whose promise is 不上传 (issue 18). Deterministic: same bytes on every run.
 *
 *   npx tsx scripts/make-icons.ts
 */
import { deflateSync } from 'zlib';
import { mkdirSync, writeFileSync } from 'fs';
import { join } from 'path';

export const ICON_SIZES = [16, 32, 64, 80] as const;

const GREEN: [number, number, number] = [0x2e, 0x7d, 0x32];
const WHITE: [number, number, number] = [0xff, 0xff, 0xff];

/** Which colour a point (in 0..1 coordinates) has, or null when outside the icon. */
function colourAt(x: number, y: number): [number, number, number] | null {
  const r = 0.2;
  const inside = (px: number, py: number) => {
    const dx = Math.max(r - px, 0, px - (1 - r));
    const dy = Math.max(r - py, 0, py - (1 - r));
    return dx * dx + dy * dy <= r * r;
  };
  if (x < 0 || x > 1 || y < 0 || y > 1 || !inside(x, y)) return null;
  // podium on a base line: 2nd place left, 1st in the middle (tallest), 3rd right
  const bars: [number, number, number][] = [
    [0.16, 0.37, 0.42],
    [0.4, 0.6, 0.2],
    [0.63, 0.84, 0.56],
  ];
  if (y <= 0.8 && bars.some(([x0, x1, top]) => x >= x0 && x <= x1 && y >= top)) return WHITE;
  if (y >= 0.8 && y <= 0.86 && x >= 0.12 && x <= 0.88) return WHITE;
  return GREEN;
}

/** RGBA pixels of a size×size icon, 4×4 supersampled. */
export function drawIcon(size: number): Uint8Array {
  const px = new Uint8Array(size * size * 4);
  const S = 4;
  for (let j = 0; j < size; j++) {
    for (let i = 0; i < size; i++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sj = 0; sj < S; sj++) {
        for (let si = 0; si < S; si++) {
          const c = colourAt((i + (si + 0.5) / S) / size, (j + (sj + 0.5) / S) / size);
          if (!c) continue;
          r += c[0];
          g += c[1];
          b += c[2];
          a++;
        }
      }
      const o = (j * size + i) * 4;
      if (a > 0) {
        px[o] = Math.round(r / a);
        px[o + 1] = Math.round(g / a);
        px[o + 2] = Math.round(b / a);
      }
      px[o + 3] = Math.round((a / (S * S)) * 255);
    }
  }
  return px;
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** Encodes RGBA pixels as a PNG (8-bit RGBA, no interlace, filter 0 on every row). */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0;
    Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(raw, y * (width * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export function iconPng(size: number): Buffer {
  return encodePng(size, size, drawIcon(size));
}

if (require.main === module) {
  const dir = join(__dirname, '..', 'assets', 'icons');
  mkdirSync(dir, { recursive: true });
  for (const size of ICON_SIZES) {
    const file = join(dir, `icon-${size}.png`);
    writeFileSync(file, iconPng(size));
    console.log(`已生成 ${file}`);
  }
}
