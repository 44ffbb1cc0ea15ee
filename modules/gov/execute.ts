// A passed proposal's messages, executed in order by the gov authority in one cache over the block's state: all of
// them take effect, or (the first failure) none does and the failure is recorded on the proposal. Never a crash: an
// error of any kind becomes the proposal's failed_reason.
import type { Any } from 'cosmjs-types/google/protobuf/any';
import { CacheKV } from '../../chain/store/cachekv.js';
import type { Context } from '../../chain/types/context.js';
import { EventManager } from '../../chain/types/events.js';
import { abciError, CodedError } from '../../chain/types/errors.js';
import type { MsgRouter } from './expected.js';

/** Runs the messages; returns undefined when all succeeded (their writes and events kept), else the failure. */
export function executeMessages(ctx: Context, router: MsgRouter, messages: readonly Any[]): string | undefined {
  const cache = new CacheKV(ctx.store);
  const events = new EventManager();
  const inner = ctx.with({ store: cache, events });
  for (let i = 0; i < messages.length; i++) {
    const any = messages[i];
    try {
      const service = router.route(any.typeUrl);
      if (!service) return `message ${i}: ${any.typeUrl} is not a known message`;
      service.handle(inner, service.codec.decode(any.value));
    } catch (e) {
      cache.discard();
      // An uncoded error is a bug: its text may differ between builds, so state records only "internal error".
      const { codespace, code, log } = abciError(e);
      if (!(e instanceof CodedError))
        ctx.logger.error('proposal message failed with an unexpected error', {
          error: String((e as Error)?.stack ?? e),
        });
      return `message ${i} (${any.typeUrl}) failed: codespace ${codespace} code ${code}: ${log}`;
    }
  }
  cache.write();
  ctx.events.emitAll(events.events);
  return undefined;
}
