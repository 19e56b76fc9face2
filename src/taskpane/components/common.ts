import type { PaneServices } from '../controller';
import type { Action, PaneState } from '../state';

export interface StepProps {
  state: PaneState;
  dispatch: (a: Action) => void;
  services: PaneServices;
  /** The newest state, for effects started from a click. */
  getState: () => PaneState;
}
