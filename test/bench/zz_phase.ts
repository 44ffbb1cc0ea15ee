import { performance } from 'node:perf_hooks';
import { AichainApp } from '../../chain/app/app.js';
const P: any = AichainApp.prototype;
const wrap = (name: string) => { const f = P[name]; const acc = { t: 0 }; (globalThis as any)['__' + name] = acc; P[name] = async function (...a: any[]) { const t = performance.now(); try { return await f.apply(this, a); } finally { acc.t += performance.now() - t; } }; };
for (const n of ['finalizeBlock', 'commit', 'preverify', 'checkTx']) wrap(n);
const st = (await import('../../chain/store/committed.js')).CommitStore.prototype as any;
for (const n of ['stage', 'commit']) { const f = st[n]; const acc = { t: 0 }; (globalThis as any)['__store_' + n] = acc; st[n] = async function (...a: any[]) { const t = performance.now(); try { return await f.apply(this, a); } finally { acc.t += performance.now() - t; } }; }
const { run } = await import('./tx-throughput.js');
await run({ blocks: 3, perBlock: 2000, skipVerify: true });
for (const k of Object.keys(globalThis).filter((k) => k.startsWith('__'))) console.log(k, Math.round((globalThis as any)[k].t), 'ms');
