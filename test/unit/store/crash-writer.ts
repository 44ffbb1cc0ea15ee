// Child process of crash.test.ts: commits crashBatch(v) for v = last + 1, ... forever, printing each committed
// version, until the parent kills it with SIGKILL at an arbitrary instant.
import { CommitStore } from '../../../chain/store/committed.js';
import { u64Num } from '../../../chain/store/binkey.js';
import { crashBatch, enc } from './helpers.js';

const dir = process.argv[2];
const s = await CommitStore.open(dir, { keepRecent: 3, nodeCacheSize: 2000 });
for (let v = Number(s.version) + 1; ; v++) {
  const staged = await s.stage(crashBatch(v), BigInt(v));
  await s.commit(staged, [[enc('height'), u64Num(v)]]);
  process.stdout.write(`committed ${v}\n`);
}
