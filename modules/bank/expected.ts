// What bank needs from the account module, declared on bank's side and handed in at wiring time.
import type { Context } from '../../chain/types/context.js';

export interface AccountKeeper {
  /** Creates the account if it does not exist (accounts are born when they first receive coins). */
  ensureAccount(ctx: Context, addr: Uint8Array): void;
  /** True when the address belongs to a module account (those cannot receive user sends). */
  isModuleAccount(ctx: Context, addr: Uint8Array): boolean;
}
