import { run } from './tx-throughput.js';
await run({ blocks: 3, perBlock: 2000, skipVerify: true });
