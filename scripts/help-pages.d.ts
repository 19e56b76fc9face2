/** Types of scripts/help-pages.js (CommonJS, loaded by webpack.config.js). */
export const HELP_PAGES: { source: string; page: string }[];
export const HELP_DIR: string;
export function markdownToHtml(md: string): string;
export function helpPage(md: string, current: string): string;
export function helpFiles(root?: string): { name: string; content: Buffer; source: string }[];
export class HelpPagesPlugin {
  apply(compiler: unknown): void;
}
