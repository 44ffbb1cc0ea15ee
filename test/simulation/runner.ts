// Runs one seed of the cross-module simulation: two AichainApp instances on separate stores get the same genesis and
// the same blocks (instance 1 restarting from its store every 15 blocks) (CheckTx for every tx, then FinalizeBlock + Commit, with random absent votes and now and then
// double-sign evidence). After every block: the two instances' answers are compared (app hash, each tx's result
// and events, block events, validator updates), every module invariant is checked on both, total supply moves only
// by what was minted or burnt (coinbase / burn events), intentionally bad txs failed, and no tx failed with the
// internal code 1. The first problem stops the seed with a SimFailure naming the seed, block and tx.
import {
  ExecTxResult,
  MisbehaviorType,
  ResponseCheckTx,
  type Event,
  type ResponseFinalizeBlock,
} from 'cosmjs-types/tendermint/abci/types';
import { BlockIDFlag } from 'cosmjs-types/tendermint/types/validator';
import { CheckTxType } from 'cosmjs-types/tendermint/abci/types';
import { wireModules } from '../../chain/app/modules.js';
import { defaultAppState } from '../../chain/app/genesis.js';
import { consensusAddress } from '../../chain/types/address.js';
import { GENESIS_TIME, denomMetadata, initChain, openApp, removeDir, type TestApp } from '../support/app-harness.js';
import { simAccounts, type SimAccount } from './keys.js';
import { xorshift32 } from '../support/prng.js';
import { generateBlock, learnFromBlockEvents, newWorld, totalSupply, type SimTx } from './world.js';

export const DEFAULT_BLOCKS = 40;
export const ACCOUNTS = 10;
/** Accounts 0..FUNDED-1 hold coins at genesis; the rest are created by sends during the run. */
export const FUNDED = 8;

export class SimFailure extends Error {
  constructor(
    readonly seed: number,
    readonly block: number,
    readonly what: string,
    readonly tx?: { index: number; kind: string },
  ) {
    super(`seed ${seed} block ${block}${tx ? ` tx ${tx.index} (${tx.kind})` : ''}: ${what}`);
    this.name = 'SimFailure';
  }
}

export interface SimReport {
  seed: number;
  blocks: number;
  txs: number;
  succeeded: number;
  failed: number;
  /** Tx kinds and how they ended: kind -> [ok, failed]. */
  kinds: Record<string, [number, number]>;
  minted: bigint;
  burnt: bigint;
  wallMs: number;
  /** Where the time went (ms): building and signing txs, CheckTx, FinalizeBlock, Commit, invariants and queries. */
  phases: Record<'setup' | 'generate' | 'checkTx' | 'finalize' | 'commit' | 'checks', number>;
}

/**
 * The genesis: every module's defaults, then small values for the params the run needs to see things happen
 * (short unbonding and jail, a small active set, small bonds). Params are found by name in whichever module holds
 * them, so a module split that moves a param keeps this working.
 */
export function simAppState(accs: SimAccount[]): Record<string, unknown> {
  const state = defaultAppState(wireModules().modules) as Record<
    string,
    { params?: Record<string, unknown> } & Record<string, unknown>
  >;
  const overrides: Record<string, unknown> = {
    unbonding_time: '8',
    max_validators: 4,
    max_entries: 3,
    min_self_delegation: '1000000',
    signed_blocks_window: '10',
    min_signed_per_window: '0.5',
    downtime_jail_duration: '4',
    min_provider_collateral: '1000000',
    inflation_rate: '0.2',
    inflationRate: '0.2',
    blocks_per_year: '1000',
    blocksPerYear: '1000',
    min_model_bond: { denom: 'uaic', amount: '1000' },
    min_dataset_bond: { denom: 'uaic', amount: '100' },
    bond_unlock_period: '6',
    // governance: proposals that end within the run
    max_deposit_period: '5',
    voting_period: '6',
    expedited_voting_period: '3',
    min_deposit: [{ denom: 'uaic', amount: '2000' }],
    expedited_min_deposit: [{ denom: 'uaic', amount: '4000' }],
  };
  for (const m of Object.values(state)) {
    const params = m?.params;
    if (!params || typeof params !== 'object') continue;
    for (const [k, v] of Object.entries(overrides)) if (k in params) params[k] = v;
  }
  state.bank = {
    ...state.bank,
    balances: accs.slice(0, FUNDED).map((a) => ({
      address: a.address,
      coins: [
        { denom: 'uaic', amount: '100000000000' },
        { denom: 'uusdc', amount: '100000000000' },
      ],
    })),
    denom_metadata: denomMetadata,
  };
  return state;
}

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const eventsJson = (evs: Event[]) =>
  JSON.stringify(evs.map((e) => [e.type, e.attributes.map((a) => [a.key, a.value, a.index])]));

/** The first difference between two FinalizeBlock answers, or undefined. */
function compareFinalize(
  a: ResponseFinalizeBlock,
  b: ResponseFinalizeBlock,
  txs: SimTx[],
): { what: string; tx?: { index: number; kind: string } } | undefined {
  if (a.txResults.length !== b.txResults.length)
    return { what: `tx result counts differ: ${a.txResults.length} vs ${b.txResults.length}` };
  for (let i = 0; i < a.txResults.length; i++) {
    const x = a.txResults[i],
      y = b.txResults[i];
    if (hex(ExecTxResult.encode(x).finish()) === hex(ExecTxResult.encode(y).finish())) continue;
    const field =
      x.code !== y.code
        ? `code ${x.code} vs ${y.code}`
        : x.gasUsed !== y.gasUsed
          ? `gas used ${x.gasUsed} vs ${y.gasUsed}`
          : x.log !== y.log
            ? `log ${JSON.stringify(x.log)} vs ${JSON.stringify(y.log)}`
            : eventsJson(x.events) !== eventsJson(y.events)
              ? 'events differ'
              : 'data differs';
    return { what: `instances disagree on a tx result: ${field}`, tx: { index: i, kind: txs[i]?.kind ?? '?' } };
  }
  if (eventsJson(a.events) !== eventsJson(b.events)) return { what: 'instances disagree on the block events' };
  const vu = (r: ResponseFinalizeBlock) =>
    JSON.stringify(r.validatorUpdates.map((u) => [hex(u.pubKey.ed25519 ?? new Uint8Array()), String(u.power)]));
  if (vu(a) !== vu(b)) return { what: `instances disagree on validator updates: ${vu(a)} vs ${vu(b)}` };
  if (hex(a.appHash) !== hex(b.appHash))
    return { what: `app hashes differ: ${hex(a.appHash)} vs ${hex(b.appHash)} (results and events agree)` };
  return undefined;
}

/** Σ of coinbase and burn event amounts, per denom. */
function mintBurn(events: Event[], into: { mint: Map<string, bigint>; burn: Map<string, bigint> }) {
  for (const e of events) {
    const which = e.type === 'coinbase' ? into.mint : e.type === 'burn' ? into.burn : undefined;
    if (!which) continue;
    const amount = e.attributes.find((a) => a.key === 'amount')?.value ?? '';
    for (const part of amount ? amount.split(',') : []) {
      const m = /^(\d+)([a-zA-Z][a-zA-Z0-9/:._-]*)$/.exec(part);
      if (!m) throw new Error(`unreadable ${e.type} amount ${JSON.stringify(amount)}`);
      which.set(m[2], (which.get(m[2]) ?? 0n) + BigInt(m[1]));
    }
  }
}

export interface RunOptions {
  blocks?: number;
  log?: (line: string) => void;
  /** Test hook: change the txs one instance gets at one height (to prove a divergence is caught and named). */
  tamper?: (instance: number, height: number, txs: Uint8Array[]) => Uint8Array[];
}

export async function runSeed(seed: number, opts: RunOptions = {}): Promise<SimReport> {
  const blocks = opts.blocks ?? DEFAULT_BLOCKS;
  const started = performance.now();
  const accs = simAccounts(ACCOUNTS);
  const r = xorshift32(seed);
  const apps: TestApp[] = [
    await openApp(undefined, { invariantCheckPeriod: 1 }),
    await openApp(undefined, { invariantCheckPeriod: 1 }),
  ];
  const report: SimReport = {
    seed,
    blocks,
    txs: 0,
    succeeded: 0,
    failed: 0,
    kinds: {},
    minted: 0n,
    burnt: 0n,
    wallMs: 0,
    phases: { setup: 0, generate: 0, checkTx: 0, finalize: 0, commit: 0, checks: 0 },
  };
  let mark = performance.now();
  const lap = (p: keyof SimReport['phases']) => {
    const n = performance.now();
    report.phases[p] += n - mark;
    mark = n;
  };
  const fail = (block: number, what: string, tx?: { index: number; kind: string }) => {
    throw new SimFailure(seed, block, what, tx);
  };
  try {
    const state = simAppState(accs);
    for (const t of apps) await initChain(t.app, state);
    const world = newWorld(accs, FUNDED);
    // CometBFT's view of the validator set (consensus key hex -> power), from the validator updates.
    const cometSet = new Map<string, bigint>();
    let supply: Map<string, bigint> | undefined;

    lap('setup');
    for (let h = 1; h <= blocks; h++) {
      const { txs, learn } = h === 1 ? { txs: [], learn: [] } : await generateBlock(apps[0].app, world, r, h);
      lap('generate');

      // CheckTx on both instances: the same answers; a tx CheckTx refuses must fail the same way in the block.
      const checks = await Promise.all(
        apps.map((t) => Promise.all(txs.map((tx) => t.app.checkTx({ tx: tx.bytes, type: CheckTxType.NEW })))),
      );
      for (let i = 0; i < txs.length; i++) {
        const ca = checks[0][i],
          cb = checks[1][i];
        if (hex(ResponseCheckTx.encode(ca).finish()) !== hex(ResponseCheckTx.encode(cb).finish())) {
          fail(h, `instances disagree on CheckTx: code ${ca.code} vs ${cb.code}`, { index: i, kind: txs[i].kind });
        }
        if (ca.code === 1)
          fail(h, `CheckTx answered internal error (code 1): ${ca.log}`, { index: i, kind: txs[i].kind });
      }

      lap('checkTx');
      // Votes from CometBFT's current set: each validator absent now and then (downtime), evidence rarely.
      const keys = [...cometSet.keys()].sort();
      // One validator per seed is flaky (absent two blocks in three: jailed for downtime, then unjails itself).
      const flaky = keys.length ? keys[seed % keys.length] : '';
      const votes = keys.map((k) => ({
        validator: { address: consensusAddress(Buffer.from(k, 'hex')), power: cometSet.get(k)! },
        blockIdFlag:
          r.below(k === flaky ? 3 : 8) < (k === flaky ? 2 : 1)
            ? BlockIDFlag.BLOCK_ID_FLAG_ABSENT
            : BlockIDFlag.BLOCK_ID_FLAG_COMMIT,
      }));
      const misbehavior =
        keys.length > 2 && h > 5 && r.below(15) === 0
          ? [
              {
                type: MisbehaviorType.DUPLICATE_VOTE,
                validator: { address: consensusAddress(Buffer.from(keys[r.below(keys.length)], 'hex')), power: 1n },
                height: BigInt(h - 1),
                time: { seconds: GENESIS_TIME.seconds + BigInt(h - 1), nanos: 0 },
                totalVotingPower: 10n,
              },
            ]
          : [];

      const req = {
        txs: txs.map((t) => t.bytes),
        decidedLastCommit: { round: 0, votes },
        misbehavior,
        hash: new Uint8Array(32),
        height: BigInt(h),
        time: { seconds: GENESIS_TIME.seconds + BigInt(h), nanos: 0 },
        nextValidatorsHash: new Uint8Array(32),
        proposerAddress: new Uint8Array(20),
      };
      const res: ResponseFinalizeBlock[] = [];
      for (const [i, t] of apps.entries()) {
        const mine = opts.tamper ? { ...req, txs: opts.tamper(i, h, req.txs) } : req;
        try {
          res.push(await t.app.finalizeBlock(mine));
        } catch (e) {
          fail(h, `FinalizeBlock threw (an invariant halts the app this way): ${(e as Error).message}`);
        }
      }
      lap('finalize');
      const diff = compareFinalize(res[0], res[1], txs);
      if (diff) fail(h, diff.what, diff.tx);
      for (const t of apps) await t.app.commit({});
      // Instance 1 restarts from its store now and then (a node stopped and started again): it must carry on
      // exactly like instance 0, which never stopped.
      if (h % 15 === 0) apps[1] = await apps[1].reopen();
      lap('commit');
      // Both apps checked every invariant inside FinalizeBlock (invariantCheckPeriod 1 halts by throwing); the
      // committed state gets the same check every tenth block and at the end.
      if (h % 10 === 0 || h === blocks) {
        for (const [i, t] of apps.entries()) {
          const broken = t.app.checkInvariants();
          if (broken.length) fail(h, `instance ${i}: invariants broken after commit: ${broken.join('; ')}`);
        }
      }

      // Outcomes: coded errors only, bad txs failed, CheckTx refusals confirmed by the block.
      const flows = { mint: new Map<string, bigint>(), burn: new Map<string, bigint>() };
      mintBurn(res[0].events, flows);
      res[0].txResults.forEach((x, i) => {
        const tx = txs[i];
        const k = (report.kinds[tx.kind] ??= [0, 0]);
        report.txs++;
        if (x.code === 0) {
          report.succeeded++;
          k[0]++;
          learn[i]?.();
          learnFromBlockEvents(world, x.events);
          mintBurn(x.events, flows);
        } else {
          report.failed++;
          k[1]++;
        }
        if (x.code === 1)
          fail(h, `tx failed with the internal error code 1 (an uncoded exception): ${x.log}`, {
            index: i,
            kind: tx.kind,
          });
        if (x.code !== 0 && !x.codespace)
          fail(h, `failed tx has no codespace (code ${x.code})`, { index: i, kind: tx.kind });
        if (tx.mustFail && x.code === 0) fail(h, 'a tx that must fail succeeded', { index: i, kind: tx.kind });
        // CheckTx runs no messages, so a send earlier in the block can fund (or create) this tx's signer: a refusal
        // for insufficient funds (sdk/5) or an unknown account (sdk/9) may pass in the block. Any other refusal must
        // repeat there (seed 7 found the funded case).
        const c = checks[0][i];
        const messageDependent = c.codespace === 'sdk' && (c.code === 5 || c.code === 9);
        if (c.code !== 0 && !messageDependent && (x.code !== c.code || x.codespace !== c.codespace)) {
          fail(h, `CheckTx refused with ${c.codespace}/${c.code} but the block gave ${x.codespace}/${x.code}`, {
            index: i,
            kind: tx.kind,
          });
        }
      });

      learnFromBlockEvents(world, res[0].events);
      // Supply moves only by minting and burning.
      const now = await totalSupply(apps[0].app);
      if (supply) {
        for (const denom of new Set([...now.keys(), ...supply.keys(), ...flows.mint.keys(), ...flows.burn.keys()])) {
          const want = (supply.get(denom) ?? 0n) + (flows.mint.get(denom) ?? 0n) - (flows.burn.get(denom) ?? 0n);
          if ((now.get(denom) ?? 0n) !== want)
            fail(
              h,
              `supply of ${denom} is ${now.get(denom) ?? 0n}, expected ${want} (before ${supply.get(denom) ?? 0n}, minted ${flows.mint.get(denom) ?? 0n}, burnt ${flows.burn.get(denom) ?? 0n})`,
            );
        }
      }
      for (const v of flows.mint.values()) report.minted += v;
      for (const v of flows.burn.values()) report.burnt += v;
      supply = now;

      for (const u of res[0].validatorUpdates) {
        const k = hex(u.pubKey.ed25519 ?? new Uint8Array());
        if (u.power === 0n) cometSet.delete(k);
        else cometSet.set(k, u.power);
      }
      lap('checks');
      opts.log?.(
        `seed ${seed} block ${h}: ${txs.length} txs, ${res[0].txResults.filter((x) => x.code === 0).length} ok, app hash ${hex(res[0].appHash).slice(0, 16)}`,
      );
    }
  } finally {
    for (const t of apps) {
      await t.close().catch(() => undefined);
      removeDir(t.dir);
    }
  }
  report.wallMs = performance.now() - started;
  return report;
}
