/**
 * A file the tool cannot read: the message is Chinese and says what to do. Its own module so that the
 * CSV and .xls readers (and the pane's import) can use it without pulling in ExcelJS.
 */
export class InputFileError extends Error {
  constructor(
    message: string,
    readonly file: string,
  ) {
    super(message);
    this.name = 'InputFileError';
  }
}
