/**
 * Office.js errors → one typed error with a Chinese message the pane shows as it is. The original error
 * stays attached (`cause`) and its code is kept (`code`), so nothing is swallowed.
 */

/** Error codes Excel / OfficeExtension report (OfficeExtension.Error.code), plus the ones we raise. */
export type OfficeErrorCode =
  | 'InactiveWorkbook'
  | 'RequestPayloadSizeLimitExceeded'
  | 'ResponsePayloadSizeLimitExceeded'
  | 'ItemNotFound'
  | 'ItemAlreadyExists'
  | 'GeneralException'
  | 'AccessDenied'
  | 'ConnectionFailure'
  | 'RequestAborted'
  | 'ApiNotFound'
  | 'InvalidArgument'
  | 'InvalidOperation'
  | 'PropertyNotLoaded'
  | 'UserDataConflict'
  | 'MetaDamaged'
  | 'Unknown'
  | string;

/** What the pane shows: a Chinese message; `code` for logic, `cause` for diagnostics. */
export class OfficeHostError extends Error {
  readonly code: OfficeErrorCode;
  /** Worksheet concerned, when known. */
  readonly sheet?: string;
  /** Cell or range concerned (A1 style), when known. */
  readonly cell?: string;
  override readonly cause?: unknown;
  constructor(message: string, code: OfficeErrorCode, options: { cause?: unknown; sheet?: string; cell?: string } = {}) {
    super(message);
    this.name = 'OfficeHostError';
    this.code = code;
    this.cause = options.cause;
    this.sheet = options.sheet;
    this.cell = options.cell;
  }
}

const HINTS: Record<string, string> = {
  InactiveWorkbook: '工作簿当前不处于活动状态（可能已切换到其他工作簿、正在另一个窗口编辑或已关闭）。请回到该工作簿窗口后再点一次按钮。',
  RequestPayloadSizeLimitExceeded:
    '一次发送给 Excel 的数据超过了 5 MB 的上限（网页版 Excel 的限制）。请把程序更新到最新版本；若仍出现，请改用桌面版 Excel 或命令行工具处理这份数据。',
  ResponsePayloadSizeLimitExceeded:
    '一次从 Excel 读取的数据超过了 5 MB 的上限（网页版 Excel 的限制）。请删除工作表中无关的大量内容（如整列公式、空白格式区域）后重试，或改用桌面版 Excel。',
  ItemNotFound: '找不到要操作的工作表或单元格区域，它可能刚被重命名或删除。请在“数据”页重新检测工作表后再试。',
  ItemAlreadyExists: '已存在同名的工作表。请重命名或删除该工作表后重试。',
  GeneralException: 'Excel 报告了一个一般性错误。请先保存工作簿，关闭后重新打开，再重试。',
  AccessDenied: '工作簿或工作表处于只读/受保护状态，无法写入。请在“审阅”选项卡中撤销工作表保护，或另存为可编辑的副本后重试。',
  ConnectionFailure: '与 Excel 的连接中断（网络断开或会话超时）。请检查网络，刷新加载项后重试；已写入的内容要么完整、要么保持原样。',
  RequestAborted: '操作被中断（可能是网络断开或 Excel 正忙）。请稍后重试；已写入的内容要么完整、要么保持原样。',
  ApiNotFound: '当前 Excel 版本不支持所需的功能。请更新 Office（需要 Excel 2016 或更高版本 / Microsoft 365 / 网页版 Excel）。',
  InvalidArgument: 'Excel 拒绝了一个参数（例如工作表名称不合规或区域大小不符）。',
  InvalidOperation: 'Excel 拒绝执行该操作（例如工作簿中至少需要保留一张可见工作表）。',
  PropertyNotLoaded: '程序内部错误：读取了尚未加载的属性。请把此消息截图发给维护人员。',
  InvalidOperationInCellEditMode: 'Excel 正处于单元格编辑状态。请先按 Enter 或 Esc 结束编辑，再重试。',
  EditModeCannotAcquireLock: 'Excel 正处于单元格编辑状态。请先按 Enter 或 Esc 结束编辑，再重试。',
};

function codeOf(e: unknown): string | undefined {
  if (typeof e !== 'object' || e === null) return undefined;
  const o = e as { code?: unknown; debugInfo?: { code?: unknown } };
  if (typeof o.code === 'string' && o.code) return o.code;
  if (typeof o.debugInfo?.code === 'string') return o.debugInfo.code;
  return undefined;
}

function isNetworkError(e: unknown): boolean {
  if (!(e instanceof Error)) return false;
  return /network|failed to fetch|timed? ?out|connection/i.test(e.message);
}

/**
 * Wraps any error thrown while talking to Excel into an OfficeHostError whose message says, in
 * Chinese, what was being done (`action`, e.g. "写入结果列") and what the user can do.
 */
export function toHostError(e: unknown, action: string, where: { sheet?: string; cell?: string } = {}): OfficeHostError {
  if (e instanceof OfficeHostError) return e;
  const code = codeOf(e) ?? (isNetworkError(e) ? 'ConnectionFailure' : 'Unknown');
  const place = where.sheet ? `（工作表“${where.sheet}”${where.cell ? `，${where.cell}` : ''}）` : '';
  const hint = HINTS[code];
  const detail = e instanceof Error ? e.message : String(e);
  const message = hint
    ? `${action}时出错${place}：${hint}（错误代码 ${code}）`
    : `${action}时出错${place}：Excel 返回“${detail}”（错误代码 ${code}）。请保存工作簿后重试；若反复出现，请把此消息截图发给维护人员。`;
  return new OfficeHostError(message, code, { cause: e, ...where });
}
