// Slashing genesis: aichain.slashing.v1.GenesisState (JSON through its generated proto-JSON mapping), checked in one
// place: params, signing infos with their missed-block indexes, and the slash history (the next slash id follows the
// largest recorded one).
import type { Context } from '../../chain/types/context.js';
import { checkGenesis, genesisField as field } from '../../chain/types/module.js';
import { fromHex } from '../../chain/store/bytes.js';
import { GenesisState } from '../../proto/gen/aichain/slashing/v1/genesis.js';
import type { SlashingKeeper } from './keeper.js';
import type { StakingKeeper } from './expected.js';
import { CONS_ADDRESS_BYTES } from './keys.js';
import { defaultParams, fractionOf, validateParams } from './params.js';
import { slashingErrors } from './errors.js';

export { GenesisState as SlashingGenesis };

export const defaultSlashingGenesis = (): GenesisState => ({
  params: defaultParams(),
  signingInfos: [],
  slashHistory: [],
});

const fail = (why: string): never => {
  throw new Error(why);
};
const LOWER_HEX = /^[0-9a-f]*$/;

/** Every stateless rule of a slashing genesis; the error names the field. `targetId` parses a target address. */
export function validateSlashingGenesis(g: GenesisState, targetId: (address: string) => Uint8Array): void {
  checkGenesis(slashingErrors.invalidGenesis, () => {
    field('params', () => validateParams(g.params ?? fail('missing')));
    const window = g.params!.signedBlocksWindow;
    const seen = new Set<string>();
    g.signingInfos.forEach((s, i) =>
      field(`signing_infos[${i}]`, () => {
        const info = s.info ?? fail('info is missing');
        field('info.address', () => {
          if (info.address.length !== 2 * CONS_ADDRESS_BYTES || !LOWER_HEX.test(info.address))
            fail(`must be ${CONS_ADDRESS_BYTES} bytes of lower-case hex`);
          if (seen.has(info.address)) fail(`${info.address} listed twice`);
          seen.add(info.address);
        });
        for (const [name, v] of [
          ['start_height', info.startHeight],
          ['index_offset', info.indexOffset],
          ['jailed_until', info.jailedUntil],
          ['missed_blocks_counter', info.missedBlocksCounter],
        ] as const) {
          if (v < 0n) field(`info.${name}`, () => fail('must not be negative'));
        }
        const idx = new Set<bigint>();
        s.missedIndexes.forEach((m, j) =>
          field(`missed_indexes[${j}]`, () => {
            if (m < 0n || m >= window) fail(`must be in 0..${window - 1n} (the signed blocks window)`);
            if (idx.has(m)) fail(`${m} listed twice`);
            idx.add(m);
          }),
        );
        if (BigInt(idx.size) !== info.missedBlocksCounter)
          field('info.missed_blocks_counter', () =>
            fail(`is ${info.missedBlocksCounter} but ${idx.size} indexes are listed`),
          );
      }),
    );
    const ids = new Set<bigint>();
    g.slashHistory.forEach((r, i) =>
      field(`slash_history[${i}]`, () => {
        field('validator_address', () => targetId(r.validatorAddress));
        field('id', () => {
          if (ids.has(r.id)) fail(`${r.id} listed twice`);
          ids.add(r.id);
        });
        field('fraction', () => {
          if (fractionOf(r.fraction) === undefined) fail('must be a decimal in [0, 1]');
        });
        field('reason', () => {
          if (!r.reason) fail('must not be empty');
        });
        field('burned', () => {
          if (!/^[0-9]{1,78}$/.test(r.burned)) fail('must be a non-negative integer');
        });
      }),
    );
  });
}

/** Stores a validated genesis (after staking's, whose validators the signing infos belong to). */
export function initSlashingGenesis(ctx: Context, k: SlashingKeeper, staking: StakingKeeper, g: GenesisState): void {
  k.setParams(ctx, g.params ?? defaultParams());
  for (const [i, s] of g.signingInfos.entries()) {
    const cons = fromHex(s.info!.address);
    if (!staking.targetByConsensusAddress(ctx, cons)) {
      throw slashingErrors.invalidGenesis(
        `signing_infos[${i}].info.address: no validator has consensus address ${s.info!.address}`,
      );
    }
    k.setSigningInfo(ctx, cons, s.info!);
    for (const i of s.missedIndexes) k.setMissed(ctx, cons, i);
  }
  let nextId: bigint | undefined;
  for (const r of g.slashHistory) {
    k.importSlashRecord(ctx, staking.targetId(r.validatorAddress), r);
    if (nextId === undefined || r.id + 1n > nextId) nextId = r.id + 1n;
  }
  if (nextId !== undefined) k.setNextSlashId(ctx, nextId);
}

export function exportSlashingGenesis(ctx: Context, k: SlashingKeeper): GenesisState {
  return {
    params: k.getParams(ctx),
    signingInfos: [...k.signingInfos(ctx)].map(({ info, missed }) => ({ info, missedIndexes: missed })),
    slashHistory: [...k.slashRecords(ctx)],
  };
}
