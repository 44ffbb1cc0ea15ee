import test from 'tape';
import { checkEngineForRule } from '../../../../native/onnx/engine-policy.js';
import { isEngineKind } from '../../../../native/onnx/engine.js';

test('engine policy: the native engine is refused for exact models, allowed for tolerance and argmax', (t) => {
  const refused = checkEngineForRule('native', { kind: 'exact' });
  t.equal(refused.ok ? 'ok' : refused.code, 'ENGINE_NOT_ALLOWED', 'native + exact → ENGINE_NOT_ALLOWED');
  t.ok(checkEngineForRule('native', { kind: 'tolerance', tolerance: 32n }).ok, 'native + tolerance is allowed');
  t.ok(checkEngineForRule('native', { kind: 'argmax', rowLength: 3 }).ok, 'native + argmax is allowed');
  for (const rule of [{ kind: 'exact' }, { kind: 'tolerance', tolerance: 0n }, { kind: 'argmax' }] as const) {
    t.ok(checkEngineForRule('consensus', rule).ok, `consensus + ${rule.kind} is allowed`);
  }
  t.ok(isEngineKind('consensus') && isEngineKind('native'), 'both names are engines');
  t.notOk(isEngineKind('wasm') || isEngineKind(undefined), 'nothing else is');
  t.end();
});
