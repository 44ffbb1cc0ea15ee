// What the daemon has done since it started, for its periodic progress line.
export class Counters {
  claimed = 0;
  submitted = 0;
  /** Tasks whose model run failed here (nothing can be submitted for them). */
  failed = 0;
  /** Txs the chain refused (simulation, CheckTx or in the block), incl. claims another provider won first. */
  refused = 0;
  /** Claimed and not yet submitted. */
  inflight = 0;
  /** Tasks held (CLAIMED, SUBMITTED, CHALLENGED) at the last round. */
  held = 0;
  lastHeight = 0n;
  rounds = 0;

  snapshot(): Record<string, number | string> {
    return {
      claimed: this.claimed,
      submitted: this.submitted,
      failed: this.failed,
      refused: this.refused,
      inflight: this.inflight,
      held: this.held,
      last_height: String(this.lastHeight),
      rounds: this.rounds,
    };
  }
}
