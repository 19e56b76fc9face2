/** The pane's title line: the product name and the 帮助 link to the help pages shipped in the build. */
import { Link } from '@fluentui/react-components';
import { PRODUCT_NAME } from '../../version';
import { useStyles } from './styles';

/** build/help/index.html (scripts/help-pages.js), relative to taskpane.html and file.html alike. */
export const HELP_URL = 'help/index.html';

export function PaneTitle() {
  const styles = useStyles();
  return (
    <div className={styles.titleRow}>
      <h1 className={styles.title}>{PRODUCT_NAME}</h1>
      {/* A new window: the pane keeps its state (in Excel the link opens the browser). */}
      <Link href={HELP_URL} target="_blank" rel="noopener" data-testid="help-link" aria-label="帮助（使用说明，在新窗口中打开）">
        帮助
      </Link>
    </div>
  );
}
