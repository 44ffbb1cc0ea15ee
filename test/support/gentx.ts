// Gentx fixtures for tests: funded dev accounts, their gentxs (fixed ed25519 consensus seeds), a collected genesis.
import { ed25519KeyFromSeed } from '../../chain/home/comet-keys.js';
import { makeGentx } from '../../chain/genutil/gentx.js';
import type { CometGenesis } from '../../chain/home/genesis.js';
import { CHAIN_ID, testAppState, type TestAccount } from './app-harness.js';

export const consensusKey = (i: number) => ed25519KeyFromSeed(new Uint8Array(32).fill(i + 1));

/** A genesis funding `funded` (10,000 AIC each) with no validators, for gentxs to join. */
export function bareGenesis(funded: TestAccount[], chainId = CHAIN_ID): CometGenesis {
  return {
    genesis_time: '2023-11-14T22:13:20Z',
    chain_id: chainId,
    initial_height: '1',
    validators: [],
    app_hash: '',
    app_state: testAppState(funded, '10000000000'),
  };
}

/** A gentx of `acc` self-delegating `amount` uaic with consensus key `keyIndex`. */
export function gentxOf(acc: TestAccount, keyIndex: number, amount: bigint, chainId = CHAIN_ID) {
  return makeGentx(acc.wallet, {
    chainId,
    consensusPubkey: consensusKey(keyIndex).pubKey,
    selfDelegation: { denom: 'uaic', amount: amount.toString() },
    moniker: `val${keyIndex}`,
    commission: { rate: '0.1', maxRate: '0.2', maxChangeRate: '0.01' },
    minSelfDelegation: '1000000',
  });
}
