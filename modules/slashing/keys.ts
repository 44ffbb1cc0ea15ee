// The slashing module's state: one byte per collection under the module's store prefix (a retired number is never
// reused; none retired yet). Everything here lived in staking's store before (staking 0x0d–0x10, now retired there).
import { SlashRecord, ValidatorSigningInfo } from '../../proto/gen/aichain/staking/v1/types.js';
import { Params } from '../../proto/gen/aichain/slashing/v1/types.js';
import {
  addressKey,
  bytesKey,
  fixedBytesKey,
  protoValue,
  Schema,
  tupleKey,
  u64Key,
} from '../../chain/store/collections/index.js';

export const KEY = {
  signingInfo: 0x01, // 0x01 | cons address -> aichain.staking.v1.ValidatorSigningInfo   (was staking 0x0d)
  missedBlock: 0x02, // 0x02 | cons address(20) | index(u64) -> 0x01, present only for missed blocks (was staking 0x0e)
  slashRecord: 0x03, // 0x03 | lp(target) | id(u64) -> aichain.staking.v1.SlashRecord       (was staking 0x0f)
  slashSeq: 0x04, // 0x04 -> the next slash id (u64)                                          (was staking 0x10)
  params: 0x05, // 0x05 -> aichain.slashing.v1.Params                          (was in staking's params)
} as const;

/** CometBFT's validator address: the first 20 bytes of sha256(ed25519 pubkey). */
export const CONS_ADDRESS_BYTES = 20;

export function slashingState(storePrefix: Uint8Array) {
  const s = new Schema(storePrefix);
  return {
    params: s.item(KEY.params, 'params', protoValue(Params)),
    /** Raw consensus address (terminal), as it came from CometBFT. */
    signingInfos: s.map(KEY.signingInfo, 'signing_infos', bytesKey, protoValue(ValidatorSigningInfo)),
    missedBlocks: s.keySet(
      KEY.missedBlock,
      'missed_blocks',
      tupleKey(fixedBytesKey(CONS_ADDRESS_BYTES), u64Key),
      Uint8Array.of(1),
    ),
    slashRecords: s.map(KEY.slashRecord, 'slash_records', tupleKey(addressKey, u64Key), protoValue(SlashRecord)),
    nextSlashId: s.sequence(KEY.slashSeq, 'next_slash_id'),
  };
}

export type SlashingState = ReturnType<typeof slashingState>;
