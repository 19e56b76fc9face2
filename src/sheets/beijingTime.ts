/**
 * Times a user reads are Beijing time (issue 18 point 4): "2024-03-18 14:05（北京时间）", not UTC's "…Z".
 * China has one zone, UTC+8 all year (no daylight saving since 1991), so the offset is added directly:
 * no dependence on the computer's zone or on the runtime's time-zone data.
 */

const OFFSET_MS = 8 * 60 * 60 * 1000;

function parts(at: Date | string): string | null {
  const d = typeof at === 'string' ? new Date(at) : at;
  if (Number.isNaN(d.getTime())) return null;
  // "2024-03-18T14:05:09.000Z" of the shifted instant is the Beijing wall-clock time.
  return new Date(d.getTime() + OFFSET_MS).toISOString();
}

/** "2024-03-18 14:05（北京时间）"; a text that is not a time is returned unchanged. */
export function beijingTime(at: Date | string): string {
  const iso = parts(at);
  return iso === null ? String(at) : `${iso.slice(0, 10)} ${iso.slice(11, 16)}（北京时间）`;
}

/** The Beijing calendar day "2024-03-18" (制表日期). */
export function beijingDate(at: Date | string): string {
  const iso = parts(at);
  return iso === null ? String(at).slice(0, 10) : iso.slice(0, 10);
}
