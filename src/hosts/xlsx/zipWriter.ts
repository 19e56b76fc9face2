/**
 * The zip of `--out`, written straight to the file (issue 17 goal 2), in place of the archiver that
 * ExcelJS's streaming writer brings (its readable-stream plumbing, a 64 KB StreamBuf per piece, one entry
 * compressed at a time while the rows waited).
 *
 * Each part is deflated by its own node:zlib stream on zlib's thread pool while the rows of the next are
 * rendered. The deflate runs in gzip framing and only the raw deflate data is kept: the gzip trailer
 * carries the part's CRC-32 computed by zlib in C (node before 20.15 has no zlib.crc32, and a CRC-32 in
 * JavaScript costs ~1.5 s per 400 MB). Level 1, as ExcelJS's archiver deflates (the same compressed
 * sizes). Entries go to the file in the order they were opened: the first still open writes through,
 * the others keep their (compressed) bytes until it is done; local headers announce a data descriptor.
 * Sizes and offsets must stay below 4 GB (no zip64): a part that large is refused with a message.
 *
 * Two back ends (issue 17 goal 3) share this container: `ZipFileWriter` (Node: node:zlib, node:fs sync
 * writes — the CLI's --out) and, in browserZip.ts, file mode's worker (the browser's gzip
 * CompressionStream or fflate's, the bytes kept in memory for the download). Only the compressor and the
 * byte sink differ (`ZipBackend`); both compress in gzip framing, whose trailer gives the CRC-32.
 */
import { EventEmitter } from 'node:events';
import { closeSync, openSync, writeSync } from 'node:fs';
import { createGzip } from 'node:zlib';
import { concatBytes as concat, utf8 } from './bytes';

/** Deflate level (ExcelJS's archiver: 1). */
export const ZIP_LEVEL = 1;
/** Bytes a part's compressor may hold before its writer waits (`ready()`). */
export const IN_FLIGHT_BYTES = 8 << 20;
/**
 * Smaller writes are gathered up to this size before they reach zlib: each write is a job on zlib's
 * thread pool, and ExcelJS writes each sheet's header, columns, merges and page setup in many small
 * pieces (822 sheets at 20,000 students: ~3 s of the main thread in handing them over one by one).
 */
const GATHER = 64 * 1024;
const GZIP_HEADER = 10;
const GZIP_TRAILER = 8;
const LIMIT = 0xffffffff;

/** MS-DOS time and date of `d` (local time, as zip tools show them). */
function dosTime(d: Date): { time: number; date: number } {
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | Math.floor(d.getSeconds() / 2),
    date: (Math.max(0, d.getFullYear() - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
}

/** A part's compressor: bytes in, gzip-framed bytes out (GzipEvents), level ZIP_LEVEL. */
export interface GzipPart {
  /** False when the caller should wait (`needDrain`) before writing more. */
  write(b: Uint8Array): boolean;
  end(): void;
  destroy(): void;
  /** Bytes handed over and not yet compressed. */
  readonly waiting: number;
  readonly needDrain: boolean;
}

export interface GzipEvents {
  data(chunk: Uint8Array): void;
  /** After the last data (the trailer included). */
  end(): void;
  error(e: Error): void;
  /** `needDrain` became false. */
  drain(): void;
}

/** Where a zip writer's compressors and bytes come from and go to. */
export interface ZipBackend {
  gzip(on: GzipEvents): GzipPart;
  /** Appends bytes to the zip file. */
  write(b: Uint8Array): void;
  /** No more bytes (also after a failure). */
  close(): void;
}

/** Little-endian fields written into a fresh record. */
function record(size: number): { bytes: Uint8Array; u16: (at: number, v: number) => void; u32: (at: number, v: number) => void } {
  const bytes = new Uint8Array(size);
  const view = new DataView(bytes.buffer);
  return { bytes, u16: (at, v) => view.setUint16(at, v, true), u32: (at, v) => view.setUint32(at, v >>> 0, true) };
}

const u32At = (b: Uint8Array, at: number): number => new DataView(b.buffer, b.byteOffset, b.byteLength).getUint32(at, true);

/** One part being written: what ExcelJS's worksheet writer takes as its stream. */
export class ZipEntry extends EventEmitter {
  readonly name: Uint8Array;
  crc = 0;
  size = 0;
  compressed = 0;
  offset = 0;
  done = false;
  /** Its local header is written (it is first in line, or was). */
  started = false;
  /** Compressed bytes kept until the entries before this one are written. */
  held: Uint8Array[] = [];
  readonly gzip: GzipPart;
  private skip = GZIP_HEADER;
  private gathered: Uint8Array[] = [];
  private gatheredBytes = 0;
  private tail: Uint8Array = new Uint8Array(0);

  constructor(
    name: string,
    private readonly zip: ZipWriter,
    backend: ZipBackend,
  ) {
    super();
    this.name = utf8(name.replace(/^\/+/u, ''));
    this.gzip = backend.gzip({
      data: (chunk) => this.deflated(chunk),
      end: () => this.ended(),
      error: (e) => zip.fail(e),
      drain: () => zip.wake(),
    });
  }

  /** The raw deflate data out of the gzip framing: header skipped, the 8-byte trailer held back. */
  private deflated(chunk: Uint8Array): void {
    let b = chunk;
    if (this.skip > 0) {
      const n = Math.min(this.skip, b.length);
      this.skip -= n;
      b = b.subarray(n);
    }
    if (b.length === 0) return;
    const all = this.tail.length === 0 ? b : concat([this.tail, b]);
    if (all.length <= GZIP_TRAILER) {
      this.tail = all;
      return;
    }
    this.tail = all.subarray(all.length - GZIP_TRAILER);
    this.zip.data(this, all.subarray(0, all.length - GZIP_TRAILER));
  }

  private ended(): void {
    if (this.tail.length !== GZIP_TRAILER) return this.zip.fail(new Error('内部错误：压缩数据不完整'));
    this.crc = u32At(this.tail, 0);
    if (u32At(this.tail, 4) !== this.size % 2 ** 32) return this.zip.fail(new Error('内部错误：压缩数据长度不符'));
    this.done = true;
    this.zip.finished(this);
  }

  /** Text, bytes (kept until compressed), or ExcelJS's StringBuf (a shared buffer it reuses: copied). */
  write(data: string | Uint8Array | { toBuffer: () => Uint8Array }): boolean {
    if (this.zip.failed) return false;
    const b = typeof data === 'string' ? utf8(data) : data instanceof Uint8Array ? data : new Uint8Array(data.toBuffer());
    this.size += b.length;
    if (b.length < GATHER) {
      this.gathered.push(b);
      this.gatheredBytes += b.length;
      return this.gatheredBytes >= GATHER ? this.handOver() : true;
    }
    this.handOver();
    return this.gzip.write(b);
  }

  /** The gathered small writes to the compressor, as one piece. */
  private handOver(): boolean {
    if (this.gatheredBytes === 0) return true;
    const b = concat(this.gathered, this.gatheredBytes);
    this.gathered = [];
    this.gatheredBytes = 0;
    return this.gzip.write(b);
  }

  end(): void {
    if (this.zip.failed) return;
    this.handOver();
    this.gzip.end();
  }

  /** ExcelJS pauses its StreamBuf before writing to it; nothing to do here. */
  pause(): this {
    return this;
  }
}

/**
 * A zip file being written, with the methods ExcelJS's WorkbookWriter calls on its zip (`append`,
 * `finalize`, events 'finish' and 'error'); `open(name)` gives a part to write into.
 */
export class ZipWriter extends EventEmitter {
  private offset = 0;
  private readonly queue: ZipEntry[] = [];
  private readonly central: Uint8Array[] = [];
  private count = 0;
  private readonly stamp = dosTime(new Date());
  private closed = false;
  private finishing = false;
  private waiting: (() => void) | null = null;
  failure: Error | null = null;

  constructor(private readonly backend: ZipBackend) {
    super();
  }

  get failed(): boolean {
    return this.failure !== null;
  }

  open(name: string): ZipEntry {
    const entry = new ZipEntry(name, this, this.backend);
    this.queue.push(entry);
    if (this.queue.length === 1) this.start(entry);
    return entry;
  }

  /** A whole part at once (ExcelJS's small parts: styles, shared strings, workbook…). */
  append(source: string | Uint8Array, options: { name: string }): void {
    const entry = this.open(options.name);
    entry.write(source);
    entry.end();
  }

  private write(b: Uint8Array): void {
    if (this.failed || this.closed) return;
    try {
      this.backend.write(b);
      this.offset += b.length;
      if (this.offset > LIMIT) throw new Error('工作簿超过 4 GB，无法写出。请按二级学院分开运行，或不把输入表写入工作簿（--no-input-sheets）。');
    } catch (e) {
      this.fail(e as Error);
    }
  }

  /** The entry's local header (sizes follow in its data descriptor) and the data it held back. */
  private start(entry: ZipEntry): void {
    if (entry.started) return;
    entry.started = true;
    entry.offset = this.offset;
    const h = record(30);
    h.u32(0, 0x04034b50);
    h.u16(4, 20);
    h.u16(6, 0x0808); // data descriptor, UTF-8 name
    h.u16(8, 8);
    h.u16(10, this.stamp.time);
    h.u16(12, this.stamp.date);
    h.u16(26, entry.name.length);
    this.write(h.bytes);
    this.write(entry.name);
    for (const b of entry.held) this.write(b);
    entry.held = [];
  }

  data(entry: ZipEntry, b: Uint8Array): void {
    entry.compressed += b.length;
    if (this.queue[0] === entry) this.write(b);
    else entry.held.push(b);
  }

  finished(entry: ZipEntry): void {
    if (this.queue[0] !== entry) return;
    this.close(entry);
    // The next ones in line, each started; those already complete (small parts that finished while a
    // big one was being written) closed at once — in a loop: a province-sized workbook queues
    // thousands of them, and closing each from the one before overflowed the stack (100,000 students).
    let next = this.queue[0];
    while (next) {
      this.start(next);
      if (!next.done) break;
      this.close(next);
      next = this.queue[0];
    }
    if (!next) this.maybeEnd();
    this.wake();
  }

  /** Data descriptor and central directory record of the first entry, which leaves the line. */
  private close(entry: ZipEntry): void {
    if (entry.size > LIMIT || entry.compressed > LIMIT) this.fail(new Error('工作簿中有一张工作表超过 4 GB，无法写出。请按二级学院分开运行。'));
    const d = record(16);
    d.u32(0, 0x08074b50);
    d.u32(4, entry.crc);
    d.u32(8, entry.compressed % 2 ** 32);
    d.u32(12, entry.size % 2 ** 32);
    this.write(d.bytes);
    const c = record(46);
    c.u32(0, 0x02014b50);
    c.u16(4, 20);
    c.u16(6, 20);
    c.u16(8, 0x0808);
    c.u16(10, 8);
    c.u16(12, this.stamp.time);
    c.u16(14, this.stamp.date);
    c.bytes.set(d.bytes.subarray(4, 16), 16);
    c.u16(28, entry.name.length);
    c.u32(42, entry.offset);
    this.central.push(c.bytes, entry.name);
    this.count++;
    this.queue.shift();
    entry.emit('finish');
    entry.emit('zipped');
  }

  fail(e: Error): void {
    if (this.failure) return;
    this.failure = e;
    for (const entry of this.queue) entry.gzip.destroy();
    this.closeFile();
    this.wake();
    if (this.finishing) this.emit('error', e);
  }

  wake(): void {
    const w = this.waiting;
    this.waiting = null;
    w?.();
  }

  /** Bytes handed to the compressors and not yet compressed. */
  get pending(): number {
    let n = 0;
    for (const e of this.queue) n += e.gzip.waiting;
    return n;
  }

  /** Resolves once no part holds more than IN_FLIGHT_BYTES waiting for its compressor; rejects after a failure. */
  async ready(): Promise<void> {
    for (;;) {
      if (this.failure) throw this.failure;
      if (!this.queue.some((e) => e.gzip.needDrain)) return;
      await new Promise<void>((resolve) => (this.waiting = resolve));
    }
  }

  /** ExcelJS's commit ends with this: the central directory once every part is written, then 'finish'. */
  finalize(): void {
    this.finishing = true;
    if (this.failure) {
      this.emit('error', this.failure);
      return;
    }
    this.maybeEnd();
  }

  private maybeEnd(): void {
    if (!this.finishing || this.queue.length > 0 || this.closed || this.failed) return;
    const dir = concat(this.central);
    const at = this.offset;
    this.write(dir);
    const end = record(22);
    end.u32(0, 0x06054b50);
    end.u16(8, this.count);
    end.u16(10, this.count);
    end.u32(12, dir.length);
    end.u32(16, at);
    this.write(end.bytes);
    if (this.count > 0xffff) this.fail(new Error('工作簿中的工作表太多（超过 65,535 个部件），无法写出。'));
    if (this.failed) return;
    this.closeFile();
    this.emit('finish');
  }

  private closeFile(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.backend.close();
    } catch {
      // Already failing or closed: the failure that brought us here is the one reported.
    }
  }

  /** Stops writing after an error elsewhere (the caller removes the file). */
  abort(): void {
    this.fail(new Error('已中止'));
  }
}

/** A part's node:zlib gzip stream (on zlib's thread pool). */
function zlibGzip(on: GzipEvents): GzipPart {
  const gzip = createGzip({ level: ZIP_LEVEL, chunkSize: 64 * 1024, highWaterMark: IN_FLIGHT_BYTES } as Parameters<typeof createGzip>[0]);
  gzip.on('data', (chunk: Buffer) => on.data(chunk));
  gzip.on('end', () => on.end());
  gzip.on('error', (e: Error) => on.error(e));
  gzip.on('drain', () => on.drain());
  return {
    write: (b) => gzip.write(b),
    end: () => gzip.end(),
    destroy: () => gzip.destroy(),
    get waiting() {
      return gzip.writableLength;
    },
    get needDrain() {
      return gzip.writableNeedDrain;
    },
  };
}

/** The CLI's zip: written straight to the file at `path`, compressed by node:zlib. */
export class ZipFileWriter extends ZipWriter {
  constructor(path: string) {
    const fd = openSync(path, 'w');
    super({
      gzip: zlibGzip,
      write: (b) => {
        let at = 0;
        while (at < b.length) at += writeSync(fd, b, at, b.length - at);
      },
      close: () => closeSync(fd),
    });
  }
}
