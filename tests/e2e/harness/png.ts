/**
 * A minimal PNG decoder (8-bit greyscale, RGB or RGBA, not interlaced: what both browsers'
 * screenshots are) and screenshot helpers, so tests can check that something was *painted*
 * (a highlight in a shadow root, marks under a strict CSP) without an image library.
 */
import { inflateSync } from 'node:zlib';
import type { TestPage } from './browsers.ts';

export interface Pixels {
  width: number;
  height: number;
  /** RGBA, row-major. */
  data: Uint8Array;
}

export function decodePng(buf: Buffer): Pixels {
  if (buf.readUInt32BE(0) !== 0x89504e47) throw new Error('not a PNG');
  let pos = 8;
  let width = 0;
  let height = 0;
  let colorType = 0;
  const idat: Buffer[] = [];
  while (pos < buf.length) {
    const len = buf.readUInt32BE(pos);
    const type = buf.toString('latin1', pos + 4, pos + 8);
    const body = buf.subarray(pos + 8, pos + 8 + len);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      const depth = body[8];
      colorType = body[9]!;
      if (depth !== 8 || body[12] !== 0 || ![0, 2, 6].includes(colorType))
        throw new Error(`unsupported PNG (depth ${depth}, colour type ${colorType})`);
    } else if (type === 'IDAT') idat.push(body);
    else if (type === 'IEND') break;
    pos += 12 + len;
  }
  const channels = colorType === 6 ? 4 : colorType === 2 ? 3 : 1;
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const out = new Uint8Array(width * height * 4);
  const prev = new Uint8Array(stride);
  const cur = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? cur[i - channels]! : 0;
      const b = prev[i]!;
      const c = i >= channels ? prev[i - channels]! : 0;
      let v = line[i]!;
      if (filter === 1) v += a;
      else if (filter === 2) v += b;
      else if (filter === 3) v += (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      cur[i] = v & 0xff;
    }
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4;
      const s = x * channels;
      if (channels === 1) out.set([cur[s]!, cur[s]!, cur[s]!, 255], o);
      else out.set([cur[s]!, cur[s + 1]!, cur[s + 2]!, channels === 4 ? cur[s + 3]! : 255], o);
    }
    prev.set(cur);
  }
  return { width, height, data: out };
}

/** A screenshot of a viewport rectangle (CSS pixels), decoded. */
export async function screenshotPixels(
  page: TestPage,
  clip: { x: number; y: number; width: number; height: number },
): Promise<Pixels> {
  const c = {
    x: Math.max(0, Math.floor(clip.x)),
    y: Math.max(0, Math.floor(clip.y)),
    width: Math.ceil(clip.width),
    height: Math.ceil(clip.height),
  };
  const buf =
    page.raw.driver === 'playwright'
      ? await page.raw.page.screenshot({ clip: c, type: 'png' })
      : Buffer.from(await page.raw.page.screenshot({ clip: c, type: 'png' }));
  return decodePng(buf);
}

/** How many pixels are within `tolerance` (per channel) of `rgb`. */
export function countColour(px: Pixels, rgb: [number, number, number], tolerance = 24): number {
  let n = 0;
  for (let i = 0; i < px.data.length; i += 4)
    if (
      Math.abs(px.data[i]! - rgb[0]) <= tolerance &&
      Math.abs(px.data[i + 1]! - rgb[1]) <= tolerance &&
      Math.abs(px.data[i + 2]! - rgb[2]) <= tolerance
    )
      n++;
  return n;
}
