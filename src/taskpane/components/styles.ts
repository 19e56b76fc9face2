/** Shared styles of the pane: a narrow column (~320–350 px), no horizontal scrolling. */
import { makeStyles, tokens } from '@fluentui/react-components';

export const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    minHeight: '100vh',
    boxSizing: 'border-box',
    backgroundColor: tokens.colorNeutralBackground2,
  },
  header: {
    // The step bar stays in view while a long step scrolls (issue 18).
    position: 'sticky',
    top: 0,
    zIndex: 2,
    padding: '10px 12px 0 12px',
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  titleRow: { display: 'flex', alignItems: 'baseline', justifyContent: 'space-between', gap: '8px' },
  title: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, margin: 0 },
  mode: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  tabs: { marginLeft: '-8px', marginRight: '-8px', flexWrap: 'wrap' },
  body: { padding: '12px', display: 'flex', flexDirection: 'column', gap: '12px', minWidth: 0 },
  row: { display: 'flex', gap: '8px', flexWrap: 'wrap', alignItems: 'center' },
  /** A progress bar with its 取消: as wide as the form (≤ 640 px) in a wide pane, not the whole page. */
  progress: { display: 'flex', gap: '8px', alignItems: 'center', maxWidth: '640px' },
  card: { padding: '10px', minWidth: 0 },
  cardTitle: { fontWeight: tokens.fontWeightSemibold, overflowWrap: 'anywhere' },
  muted: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  stats: {
    display: 'grid',
    gridTemplateColumns: 'repeat(3, minmax(0, 1fr))',
    gap: '4px 8px',
    margin: '6px 0 0 0',
  },
  stat: { display: 'flex', flexDirection: 'column', minWidth: 0 },
  statLabel: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase100, whiteSpace: 'nowrap' },
  statValue: { fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  mapping: { width: '100%', borderCollapse: 'collapse', fontSize: tokens.fontSizeBase200, tableLayout: 'fixed' },
  mappingCell: { padding: '2px 4px', borderBottom: `1px solid ${tokens.colorNeutralStroke3}`, overflowWrap: 'anywhere', verticalAlign: 'middle' },
  select: { width: '100%', minWidth: 0, maxWidth: '100%', '& select': { minWidth: 0, maxWidth: '100%', textOverflow: 'ellipsis' } },
  issue: {
    display: 'grid',
    gridTemplateColumns: 'auto minmax(0, 1fr) auto',
    gap: '4px 8px',
    alignItems: 'start',
    padding: '6px 0',
    borderBottom: `1px solid ${tokens.colorNeutralStroke3}`,
  },
  issueText: { overflowWrap: 'anywhere', fontSize: tokens.fontSizeBase200 },
  section: { fontWeight: tokens.fontWeightSemibold, marginTop: '4px' },
  textarea: { minHeight: '72px' },
  footer: { marginTop: 'auto', padding: '8px 12px', fontSize: tokens.fontSizeBase100, color: tokens.colorNeutralForeground3 },
});
