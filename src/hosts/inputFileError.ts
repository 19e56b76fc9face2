/**
 * A file the tool cannot read: the message is Chinese and says what to do. Its own module so that the
 * CSV and .xls readers (and the pane's import) can use it without pulling in ExcelJS.
 */
export class InputFileError extends Error {
  constructor(
    message: string,
    readonly file: string,
    /** The sheet and cell (or row) where the file could not be read, when known. */
    readonly at?: { sheet: string; row: number; column?: string },
  ) {
    super(message);
    this.name = 'InputFileError';
  }
}
