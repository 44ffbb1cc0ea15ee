// Which engine may produce a result for a model. An `exact` rule compares canonical outputs bit for bit, which only
// the consensus engine guarantees across CPUs (DESIGN §6: native kernels differ in the last bits between FMA and
// non-FMA CPUs, so a native result under `exact` would slash an honest provider). The provider daemon calls this
// before serving a model with `--engine native`.
import type { CompareRule } from './compare.js';
import type { EngineKind } from './engine.js';

export type EngineCheck = { ok: true } | { ok: false; code: 'ENGINE_NOT_ALLOWED'; message: string };

export function checkEngineForRule(engine: EngineKind, rule: CompareRule): EngineCheck {
  if (engine === 'native' && rule.kind === 'exact') {
    return {
      ok: false,
      code: 'ENGINE_NOT_ALLOWED',
      message:
        'the native engine cannot serve a model whose rule is exact: its bits differ across CPUs; use the consensus engine',
    };
  }
  return { ok: true };
}
