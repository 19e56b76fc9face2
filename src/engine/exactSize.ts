/**
 * A small list kept for the whole run (a student's 志愿, reasons, failed courses), stored at its exact
 * size. An array grown by push() from [] reserves 17 slots (~150 bytes) for its first element: 20,000
 * students × a few such lists are megabytes of slack that the garbage collector copies (issue 6).
 */
export function exactSize<T>(list: T[]): T[] {
  return list.length === 0 ? list : list.slice();
}
