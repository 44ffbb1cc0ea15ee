// Opens the application on a node home: the Merkle store in data/application.db, the signature pool and cache.
import { join } from 'node:path';
import { CommitStore } from '../store/committed.js';
import { createVerifyPool } from '../../native/verify-pool.js';
import { SigCache } from '../../native/sig-cache.js';
import { createVerifier } from '../../native/secp256k1.js';
import type { Logger } from '../logger.js';
import type { AppConfig } from '../home/config.js';
import { AichainApp } from './app.js';

export async function openAppAtHome(dataDir: string, config: AppConfig, logger: Logger): Promise<AichainApp> {
  const store = await CommitStore.open(join(dataDir, 'application.db'), { keepRecent: config.minRetainVersions });
  return new AichainApp({
    store,
    logger: logger.child({ module: 'app' }),
    verifier: createVerifier('native', logger),
    verifyPool: createVerifyPool({ size: config.verifyWorkers || undefined, logger }),
    sigCache: new SigCache(config.sigCacheSize),
    extendVoteBudgetMs: config.extendVoteBudgetMs,
  });
}
