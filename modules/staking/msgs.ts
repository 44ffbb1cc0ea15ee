// The staking messages: validate the stateless fields, check who signs, call the keeper.
import {
  MsgCreateValidator, MsgCreateValidatorResponse, MsgDelegate, MsgDelegateResponse, MsgEditValidator,
  MsgEditValidatorResponse, MsgRedelegate, MsgRedelegateResponse, MsgUndelegate, MsgUndelegateResponse, MsgUnjail,
  MsgUnjailResponse, MsgRegisterProvider, MsgRegisterProviderResponse, MsgUpdateProvider, MsgUpdateProviderResponse,
  MsgDeregisterProvider, MsgDeregisterProviderResponse, MsgUnjailProvider, MsgUnjailProviderResponse,
} from '../../proto/gen/aichain/staking/v1/tx.js';
import { msgService, type MsgService } from '../../chain/types/module.js';
import { parseAddress } from '../../chain/types/address.js';
import { formatDec as formatShares, isValidDenom, parseAmount } from '../../chain/types/coins.js';
import { StakingKeeper } from './keeper.js';
import { stakingErrors } from './errors.js';
import { ED25519_PUBKEY_BYTES } from './consensus-key.js';
import { StakingSlashing } from './slashing.js';
import { parseTarget } from './target.js';
import { requireRate } from './commission.js';
import { checkProviderFields, Providers } from './providers.js';

const TYPE = '/aichain.staking.v1.';
export const MONIKER_MAX = 70;

function requireMoniker(m: string, required: boolean): void {
  if (required && !m) throw stakingErrors.invalidMoniker('empty');
  if (m.length > MONIKER_MAX) throw stakingErrors.invalidMoniker(`longer than ${MONIKER_MAX} characters`);
  if (/[\u0000-\u001f\u007f]/.test(m)) throw stakingErrors.invalidMoniker('contains control characters');
}

/** A coin's shape: valid denom, integer amount, positive (the denom itself is checked against params in the keeper). */
function requireCoin(c: { denom: string; amount: string } | undefined, what: string): void {
  if (!c) throw stakingErrors.zeroAmount(`${what} is missing`);
  if (!isValidDenom(c.denom)) throw stakingErrors.wrongDenom(`invalid denom ${JSON.stringify(c.denom)}`);
  if (parseAmount(c.amount, what) === 0n) throw stakingErrors.zeroAmount(what);
}

function requireMinSelf(s: string): void {
  try { parseAmount(s, 'min_self_delegation'); } catch { throw stakingErrors.invalidMinSelfDelegation(JSON.stringify(s)); }
}

export function stakingMsgs(k: StakingKeeper, providers: Providers = new Providers(k)): MsgService[] {
  const createValidator = msgService<MsgCreateValidator>({
    typeUrl: `${TYPE}MsgCreateValidator`,
    responseTypeUrl: `${TYPE}MsgCreateValidatorResponse`,
    codec: MsgCreateValidator,
    signers: (m) => [m.operator],
    validateBasic(m) {
      parseAddress(m.operator, undefined, 'operator');
      if (m.consensusPubkey.length !== ED25519_PUBKEY_BYTES) throw stakingErrors.invalidConsensusKey(`${m.consensusPubkey.length} bytes`);
      requireMoniker(m.moniker, true);
      StakingKeeper.validateCommission(m.commission);
      requireMinSelf(m.minSelfDelegation);
      requireCoin(m.selfDelegation, 'self_delegation');
    },
    handle(ctx, m) {
      return MsgCreateValidatorResponse.encode({ validatorAddress: k.createValidator(ctx, m) }).finish();
    },
  });

  const editValidator = msgService<MsgEditValidator>({
    typeUrl: `${TYPE}MsgEditValidator`,
    responseTypeUrl: `${TYPE}MsgEditValidatorResponse`,
    codec: MsgEditValidator,
    signers: (m) => [m.operator],
    validateBasic(m) {
      parseAddress(m.operator, undefined, 'operator');
      requireMoniker(m.moniker, false);
      if (m.commissionRate) requireRate(m.commissionRate);
      if (m.minSelfDelegation) requireMinSelf(m.minSelfDelegation);
      if (!m.moniker && !m.commissionRate && !m.minSelfDelegation) throw stakingErrors.invalidMoniker('nothing to change');
    },
    handle(ctx, m) { k.editValidator(ctx, m); return MsgEditValidatorResponse.encode({}).finish(); },
  });

  const delegate = msgService<MsgDelegate>({
    typeUrl: `${TYPE}MsgDelegate`,
    responseTypeUrl: `${TYPE}MsgDelegateResponse`,
    codec: MsgDelegate,
    signers: (m) => [m.delegatorAddress],
    validateBasic(m) {
      parseAddress(m.delegatorAddress, undefined, 'delegator');
      parseTarget(m.validatorAddress);
      requireCoin(m.amount, 'amount');
    },
    handle(ctx, m) {
      const shares = k.delegateMsg(ctx, m.delegatorAddress, m.validatorAddress, m.amount);
      return MsgDelegateResponse.encode({ shares: formatShares(shares) }).finish();
    },
  });

  const undelegate = msgService<MsgUndelegate>({
    typeUrl: `${TYPE}MsgUndelegate`,
    responseTypeUrl: `${TYPE}MsgUndelegateResponse`,
    codec: MsgUndelegate,
    signers: (m) => [m.delegatorAddress],
    validateBasic(m) {
      parseAddress(m.delegatorAddress, undefined, 'delegator');
      parseTarget(m.validatorAddress);
      requireCoin(m.amount, 'amount');
    },
    handle(ctx, m) {
      const r = k.undelegate(ctx, m.delegatorAddress, m.validatorAddress, m.amount);
      return MsgUndelegateResponse.encode({ completionTime: r.completionTime, amount: { denom: m.amount!.denom, amount: r.amount.toString() } }).finish();
    },
  });

  const redelegate = msgService<MsgRedelegate>({
    typeUrl: `${TYPE}MsgRedelegate`,
    responseTypeUrl: `${TYPE}MsgRedelegateResponse`,
    codec: MsgRedelegate,
    signers: (m) => [m.delegatorAddress],
    validateBasic(m) {
      parseAddress(m.delegatorAddress, undefined, 'delegator');
      parseTarget(m.validatorSrcAddress, 'source address');
      parseTarget(m.validatorDstAddress, 'destination address');
      if (m.validatorSrcAddress === m.validatorDstAddress) throw stakingErrors.selfRedelegation(m.validatorSrcAddress);
      requireCoin(m.amount, 'amount');
    },
    handle(ctx, m) {
      const t = k.redelegate(ctx, m.delegatorAddress, m.validatorSrcAddress, m.validatorDstAddress, m.amount);
      return MsgRedelegateResponse.encode({ completionTime: t }).finish();
    },
  });

  const slashing = new StakingSlashing(k);
  const unjail = msgService<MsgUnjail>({
    typeUrl: `${TYPE}MsgUnjail`,
    responseTypeUrl: `${TYPE}MsgUnjailResponse`,
    codec: MsgUnjail,
    signers: (m) => [m.operator],
    validateBasic(m) { parseAddress(m.operator, undefined, 'operator'); },
    handle(ctx, m) { slashing.unjail(ctx, parseAddress(m.operator, undefined, 'operator')); return MsgUnjailResponse.encode({}).finish(); },
  });

  const registerProvider = msgService<MsgRegisterProvider>({
    typeUrl: `${TYPE}MsgRegisterProvider`,
    responseTypeUrl: `${TYPE}MsgRegisterProviderResponse`,
    codec: MsgRegisterProvider,
    signers: (m) => [m.operator],
    validateBasic(m) {
      parseAddress(m.operator, undefined, 'operator');
      requireMoniker(m.moniker, true);
      if (!m.modelIds.length) throw stakingErrors.invalidProviderModels('a provider must serve at least one model');
      if (!m.pricePerTask.length) throw stakingErrors.invalidProviderPrice('a provider must name at least one price per task');
      checkProviderFields(m);
      StakingKeeper.validateCommission(m.commission);
      requireCoin(m.collateral, 'collateral');
    },
    handle(ctx, m) {
      return MsgRegisterProviderResponse.encode({ providerAddress: providers.register(ctx, m) }).finish();
    },
  });

  const updateProvider = msgService<MsgUpdateProvider>({
    typeUrl: `${TYPE}MsgUpdateProvider`,
    responseTypeUrl: `${TYPE}MsgUpdateProviderResponse`,
    codec: MsgUpdateProvider,
    signers: (m) => [m.operator],
    validateBasic(m) {
      parseAddress(m.operator, undefined, 'operator');
      requireMoniker(m.moniker, false);
      checkProviderFields(m);
      if (m.commissionRate) requireRate(m.commissionRate);
      if (!m.moniker && !m.endpoint && !m.modelIds.length && !m.pricePerTask.length && !m.commissionRate) {
        throw stakingErrors.invalidMoniker('nothing to change');
      }
    },
    handle(ctx, m) { providers.update(ctx, m); return MsgUpdateProviderResponse.encode({}).finish(); },
  });

  const deregisterProvider = msgService<MsgDeregisterProvider>({
    typeUrl: `${TYPE}MsgDeregisterProvider`,
    responseTypeUrl: `${TYPE}MsgDeregisterProviderResponse`,
    codec: MsgDeregisterProvider,
    signers: (m) => [m.operator],
    validateBasic(m) { parseAddress(m.operator, undefined, 'operator'); },
    handle(ctx, m) {
      const r = providers.deregister(ctx, m.operator);
      return MsgDeregisterProviderResponse.encode({
        completionTime: r.completionTime, collateral: { denom: k.getParams(ctx).bondDenom, amount: r.collateral.toString() },
      }).finish();
    },
  });

  const unjailProvider = msgService<MsgUnjailProvider>({
    typeUrl: `${TYPE}MsgUnjailProvider`,
    responseTypeUrl: `${TYPE}MsgUnjailProviderResponse`,
    codec: MsgUnjailProvider,
    signers: (m) => [m.operator],
    validateBasic(m) { parseAddress(m.operator, undefined, 'operator'); },
    handle(ctx, m) { providers.unjail(ctx, m.operator); return MsgUnjailProviderResponse.encode({}).finish(); },
  });

  return [createValidator, editValidator, delegate, undelegate, redelegate, unjail,
    registerProvider, updateProvider, deregisterProvider, unjailProvider];
}
