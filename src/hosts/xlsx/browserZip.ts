/**
 * A part of an .xlsx unzipped as a stream in the browser (file mode's worker, issue 17): deflated data
 * through fflate's streaming Inflate, 64 KB of compressed input at a time, so that a 100 MB worksheet
 * is never whole in memory; stored data as it is. The zip's directory is JSZip's (as in the CLI). Like
 * the CLI's zlib path, the unzipped part must be exactly as long as the directory says.
 */
import { Inflate } from 'fflate';
import type JSZip from 'jszip';
import { jszipData } from './exceljsInternals';

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
