/**
 * The browser's zip (file mode's worker, issue 17): reading and writing.
 *
 * Reading: a part of an .xlsx unzipped as a stream: deflated data
 * through fflate's streaming Inflate, 64 KB of compressed input at a time, so that a 100 MB worksheet
 * is never whole in memory; stored data as it is. The zip's directory is JSZip's (as in the CLI). Like
 * the CLI's zlib path, the unzipped part must be exactly as long as the directory says.
 */
import { Gzip, Inflate } from 'fflate';
import type JSZip from 'jszip';
import { jszipData } from './exceljsInternals';
import { IN_FLIGHT_BYTES, ZIP_LEVEL, ZipWriter, type GzipEvents, type GzipPart } from './zipWriter';

const STEP = 64 * 1024;

function sizeError(): Error {
  return new Error('uncompressed data size mismatch');
}

export async function* browserPartStream(file: JSZip.JSZipObject): AsyncIterable<Uint8Array> {
  const data = jszipData(file);
  const content = data?.compressedContent;
  if (!(data?.compression?.magic === '\x08\x00' && content instanceof Uint8Array)) {
    yield await file.async('uint8array');
    return;
  }
  const expected = data.uncompressedSize;
  const out: Uint8Array[] = [];
  let seen = 0;
  let ended = false;
  const inflate = new Inflate((chunk, final) => {
    out.push(chunk);
    if (final) ended = true;
  });
  for (let i = 0; i < content.length || i === 0; i += STEP) {
    const last = i + STEP >= content.length;
    inflate.push(content.subarray(i, i + STEP), last);
    for (const chunk of out.splice(0)) {
      seen += chunk.length;
      if (expected !== undefined && seen > expected) throw sizeError();
      yield chunk;
    }
  }
  if (!ended || (expected !== undefined && seen !== expected)) throw sizeError();
}

/**
 * A part's compressor in the browser: the platform's gzip (CompressionStream, native code) where there
 * is one, else fflate's (JavaScript, level ZIP_LEVEL). Both give gzip framing (zipWriter.ts takes the
 * CRC-32 from its trailer).
 */
export function browserGzip(on: GzipEvents, native = typeof CompressionStream !== 'undefined'): GzipPart {
  return native ? streamGzip(on) : fflateGzip(on);
}

function streamGzip(on: GzipEvents): GzipPart {
  const stream = new CompressionStream('gzip');
  const writer = stream.writable.getWriter();
  let waiting = 0;
  let failed = false;
  const fail = (e: unknown) => {
    if (failed) return;
    failed = true;
    on.error(e instanceof Error ? e : new Error(String(e)));
  };
  void (async () => {
    const reader = stream.readable.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      on.data(value);
    }
    on.end();
  })().catch(fail);
  return {
    write(b) {
      waiting += b.length;
      writer.write(b as Uint8Array<ArrayBuffer>).then(() => {
        const before = waiting;
        waiting -= b.length;
        if (before >= IN_FLIGHT_BYTES && waiting < IN_FLIGHT_BYTES) on.drain();
      }, fail);
      return waiting < IN_FLIGHT_BYTES;
    },
    end: () => void writer.close().catch(fail),
    destroy: () => {
      failed = true;
      void writer.abort().catch(() => {});
    },
    get waiting() {
      return waiting;
    },
    get needDrain() {
      return waiting >= IN_FLIGHT_BYTES;
    },
  };
}

function fflateGzip(on: GzipEvents): GzipPart {
  const gzip = new Gzip({ level: ZIP_LEVEL }, (chunk, final) => {
    on.data(chunk);
    if (final) on.end();
  });
  return {
    // Synchronous: nothing is ever waiting.
    write(b) {
      gzip.push(b);
      return true;
    },
    end: () => gzip.push(new Uint8Array(0), true),
    destroy: () => {},
    waiting: 0,
    needDrain: false,
  };
}

/** A zip built in memory (file mode's download): `bytes()` once it has finished. */
export class MemoryZipWriter extends ZipWriter {
  private readonly chunks: Uint8Array[];

  constructor(gzip: (on: GzipEvents) => GzipPart = browserGzip) {
    const chunks: Uint8Array[] = [];
    super({ gzip, write: (b) => void chunks.push(b), close: () => {} });
    this.chunks = chunks;
  }

  /** The whole file, as one array (transferred to the page). */
  bytes(): Uint8Array {
    const out = new Uint8Array(this.chunks.reduce((n, c) => n + c.length, 0));
    let at = 0;
    for (const c of this.chunks) {
      out.set(c, at);
      at += c.length;
    }
    this.chunks.length = 0;
    return out;
  }
}
