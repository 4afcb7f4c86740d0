/**
 * Where the rollout state lives between runs. Every store is
 * compare-and-swap: `save` succeeds only if nobody saved since `load`, so
 * two runs that start together can never both advance or both roll back.
 */
import type { RolloutState } from '../state-schema';

export interface Loaded {
  state: RolloutState | null;
  /** Opaque: what `save` compares against (a blob sha, a content hash); null when nothing is stored yet. */
  version: string | null;
}

export interface RolloutStore {
  /** "file .rollgate/rollout-state.json", "acme/web:.rollgate/state/checkout-v2.json on main". */
  readonly where: string;
  load(): Promise<Loaded>;
  /** Throws StateConflict when the stored version is no longer `version`. Returns the new version. */
  save(state: RolloutState, version: string | null, message: string): Promise<string>;
}

/** Another run saved first; the caller reloads and decides again. */
export class StateConflict extends Error {
  constructor(where: string) {
    super(`the rollout state at ${where} changed while this run was deciding`);
    this.name = 'StateConflict';
  }
}
