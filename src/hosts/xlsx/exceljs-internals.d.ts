// Parts of ExcelJS 4.x (no types of their own) used by the streaming reader (streamRead.ts).
declare module 'exceljs/lib/utils/parse-sax' {
  interface SaxNode {
    name: string;
    attributes: Record<string, string>;
  }
  type SaxEvent = { eventType: 'opentag' | 'closetag'; value: SaxNode } | { eventType: 'text'; value: string };
  function parseSax(iterable: AsyncIterable<unknown>): AsyncIterable<SaxEvent[]>;
  export = parseSax;
}

declare module 'exceljs/lib/utils/utils' {
  const utils: {
    xmlDecode: (text: string) => string;
    isDateFmt: (fmt: string | undefined) => boolean;
    excelToDate: (v: number, date1904?: boolean) => Date;
    parseBoolean: (value: unknown) => boolean;
  };
  export = utils;
}

declare module 'exceljs/lib/xlsx/xform/strings/shared-strings-xform' {
  class SharedStringsXform {
    parseStream(stream: AsyncIterable<unknown> | NodeJS.ReadableStream): Promise<unknown>;
    readonly values: unknown[];
  }
  export = SharedStringsXform;
}

declare module 'exceljs/lib/xlsx/xform/style/styles-xform' {
  class StylesXform {
    init(): void;
    parseStream(stream: AsyncIterable<unknown> | NodeJS.ReadableStream): Promise<unknown>;
    getStyleModel(id: number): Partial<import('exceljs').Style> | undefined;
  }
  export = StylesXform;
}

declare module 'exceljs/lib/xlsx/xform/book/workbook-xform' {
  class WorkbookXform {
    parseStream(stream: AsyncIterable<unknown> | NodeJS.ReadableStream): Promise<unknown>;
    readonly model: unknown;
    readonly map: { workbookPr?: { model?: unknown } };
  }
  export = WorkbookXform;
}

declare module 'exceljs/lib/xlsx/xform/core/relationships-xform' {
  class RelationshipsXform {
    parseStream(stream: AsyncIterable<unknown> | NodeJS.ReadableStream): Promise<unknown>;
  }
  export = RelationshipsXform;
}

declare module 'exceljs/lib/xlsx/xform/sheet/cell-xform' {
  class CellXform {}
  export = CellXform;
}

declare module 'exceljs/lib/xlsx/xform/sheet/row-xform' {
  class RowXform {}
  export = RowXform;
}

// The streaming workbook writer itself (ExcelJS.stream.xlsx.WorkbookWriter in Node): file mode's worker
// bundles it from lib/, as ExcelJS's browser build (dist/exceljs.min.js) has no stream writer.
declare module 'exceljs/lib/stream/xlsx/workbook-writer' {
  const WorkbookWriter: unknown;
  export = WorkbookWriter;
}
