import test from 'tape';
import { infer, parseInputJson } from '../../../chain/cli/infer.js';
import { UsageError } from '../../../chain/cli/args.js';

test('cli infer: --engine accepts consensus or native only, before any file or network access', async (t) => {
  for (const bad of ['wasm', 'cpu', '']) {
    try {
      await infer(['ab'.repeat(32), '--input', '/nonexistent/in.json', '--engine', bad]);
      t.fail(`--engine ${JSON.stringify(bad)} was accepted`);
    } catch (e) {
      t.ok(
        e instanceof UsageError && /--engine must be consensus or native/.test((e as Error).message),
        `--engine ${JSON.stringify(bad)} → usage error`,
      );
    }
  }
  try {
    await infer(['ab'.repeat(32), '--input', '/nonexistent/in.json', '--engine', 'native']);
    t.fail('a missing input file was accepted');
  } catch (e) {
    t.ok(
      !(e instanceof UsageError) && /ENOENT/.test((e as Error).message),
      '--engine native passes the flag check (then the missing file fails)',
    );
  }
});

test('cli infer: the JSON input becomes little-endian tensors', (t) => {
  const one = parseInputJson('{"dtype":"float32","shape":[1,2],"data":[1.5,-2]}');
  t.deepEqual(Array.isArray(one) ? 'list' : [...new Float32Array(one.data.buffer)], [1.5, -2], 'one tensor');
  t.throws(
    () => parseInputJson('{"dtype":"float16","shape":[1],"data":[1]}'),
    UsageError,
    'an unknown dtype is a usage error',
  );
  t.end();
});
