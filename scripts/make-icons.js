/**
 * Draws the add-in's icons (assets/icons/icon-{16,32,64,80}.png): three white bars of a ranking podium on
 * the green of the ribbon — not Office's upward "upload" arrow, on a tool whose promise is 不上传 (issue 18).
 * Plain Node (zlib), no image library: `node scripts/make-icons.js`.
 */
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
function png(size, pixel) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) raw.set(pixel(x, y), y * (size * 4 + 1) + 1 + x * 4);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

const GREEN = [0x21, 0x73, 0x46, 255];
const WHITE = [255, 255, 255, 255];
const CLEAR = [0, 0, 0, 0];

function icon(size) {
  const r = Math.max(2, Math.round(size * 0.16));
  // Podium: 2nd place left, 1st in the middle (tallest), 3rd right; bottom-aligned.
  const unit = size / 16;
  const bottom = Math.round(size - 3 * unit);
  const bars = [
    { x0: 2.5, x1: 6, h: 6.5 },
    { x0: 6.5, x1: 9.5, h: 10 },
    { x0: 10, x1: 13.5, h: 4.5 },
  ].map((b) => ({ x0: Math.round(b.x0 * unit), x1: Math.round(b.x1 * unit), top: bottom - Math.round(b.h * unit) }));
  return png(size, (x, y) => {
    // Rounded square background (samples at the pixel centre).
    const cx = Math.min(Math.max(x + 0.5, r), size - r);
    const cy = Math.min(Math.max(y + 0.5, r), size - r);
    if ((x + 0.5 - cx) ** 2 + (y + 0.5 - cy) ** 2 > r * r) return CLEAR;
    if (bars.some((b) => x >= b.x0 && x < b.x1 && y >= b.top && y < bottom)) return WHITE;
    return GREEN;
  });
}

const dir = path.join(__dirname, '..', 'assets', 'icons');
for (const size of [16, 32, 64, 80]) fs.writeFileSync(path.join(dir, `icon-${size}.png`), icon(size));
