// The staking messages: validate the stateless fields, check who signs, call the keeper.
// MsgUnjail and MsgUnjailProvider are handled by modules/slashing (same type URLs).
import {
  MsgCreateValidator,
  MsgCreateValidatorResponse,
  MsgDelegate,
  MsgDelegateResponse,
  MsgEditValidator,
  MsgEditValidatorResponse,
  MsgRedelegate,
  MsgRedelegateResponse,
  MsgUndelegate,
  MsgUndelegateResponse,
  MsgRegisterProvider,
  MsgRegisterProviderResponse,
  MsgUpdateProvider,
  MsgUpdateProviderResponse,
  MsgDeregisterProvider,
  MsgDeregisterProviderResponse,
} from '../../proto/gen/aichain/staking/v1/tx.js';
import { MsgUpdateParams, MsgUpdateParamsResponse } from '../../proto/gen/aichain/staking/v1/tx.js';
import type { Params } from '../../proto/gen/aichain/staking/v1/types.js';
import { updateParamsService } from '../../chain/types/authority.js';
import { validateParams } from './params.js';
import { msgService, type MsgService } from '../../chain/types/module.js';
import { parseAddress } from '../../chain/types/address.js';
import { isValidDenom, parseAmount } from '../../chain/types/coins.js';
import { formatDec as formatShares } from '../../chain/types/dec.js';
import type { StakingKeeper } from './keeper.js';
import { stakingErrors } from './errors.js';
import { ED25519_PUBKEY_BYTES } from './consensus-key.js';
import { parseTarget } from './target.js';
import { requireRate } from './commission.js';
import { checkProviderFields } from './providers.js';
import { validateCommission } from './validators.js';

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
  try {
    parseAmount(s, 'min_self_delegation');
  } catch {
    throw stakingErrors.invalidMinSelfDelegation(JSON.stringify(s));
  }
}

/** A coin as the keeper takes it (validateBasic has checked the amount is an integer). */
const amountOf = (c: { denom: string; amount: string } | undefined) =>
  c && { denom: c.denom, amount: BigInt(c.amount) };
const operatorOf = (m: { operator: string }) => parseAddress(m.operator, undefined, 'operator');

export function stakingMsgs(k: StakingKeeper, authority: string): MsgService[] {
  const providers = k.providers;
  const createValidator = msgService<MsgCreateValidator>({
    typeUrl: `${TYPE}MsgCreateValidator`,
    responseTypeUrl: `${TYPE}MsgCreateValidatorResponse`,
    codec: MsgCreateValidator,
    signers: (m) => [m.operator],
    validateBasic(m) {
      parseAddress(m.operator, undefined, 'operator');
      if (m.consensusPubkey.length !== ED25519_PUBKEY_BYTES)
        throw stakingErrors.invalidConsensusKey(`${m.consensusPubkey.length} bytes`);
      requireMoniker(m.moniker, true);
      validateCommission(m.commission);
      requireMinSelf(m.minSelfDelegation);
      requireCoin(m.selfDelegation, 'self_delegation');
    },
    handle(ctx, m) {
      const validatorAddress = k.validators.create(ctx, {
        operator: operatorOf(m),
        consensusPubkey: m.consensusPubkey,
        moniker: m.moniker,
        rates: m.commission!,
        minSelfDelegation: BigInt(m.minSelfDelegation),
        selfDelegation: amountOf(m.selfDelegation)!,
      });
      return MsgCreateValidatorResponse.encode({ validatorAddress }).finish();
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
      if (!m.moniker && !m.commissionRate && !m.minSelfDelegation)
        throw stakingErrors.invalidMoniker('nothing to change');
    },
    handle(ctx, m) {
      k.validators.edit(ctx, operatorOf(m), {
        moniker: m.moniker,
        commissionRate: m.commissionRate,
        minSelfDelegation: m.minSelfDelegation ? BigInt(m.minSelfDelegation) : undefined,
      });
      return MsgEditValidatorResponse.encode({}).finish();
    },
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
      const amount = k.requireBondAmount(ctx, amountOf(m.amount));
      const shares = k.delegations.delegate(
        ctx,
        parseAddress(m.delegatorAddress),
        parseTarget(m.validatorAddress),
        amount,
      );
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
      const amount = k.requireBondAmount(ctx, amountOf(m.amount));
      const r = k.queues.startUnbonding(ctx, parseAddress(m.delegatorAddress), parseTarget(m.validatorAddress), amount);
      return MsgUndelegateResponse.encode({
        completionTime: r.completionTime,
        amount: { denom: m.amount!.denom, amount: r.amount.toString() },
      }).finish();
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
      const amount = k.requireBondAmount(ctx, amountOf(m.amount));
      const t = k.queues.redelegate(
        ctx,
        parseAddress(m.delegatorAddress),
        parseTarget(m.validatorSrcAddress, 'source address'),
        parseTarget(m.validatorDstAddress, 'destination address'),
        amount,
      );
      return MsgRedelegateResponse.encode({ completionTime: t }).finish();
    },
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
      if (!m.pricePerTask.length)
        throw stakingErrors.invalidProviderPrice('a provider must name at least one price per task');
      checkProviderFields(m);
      validateCommission(m.commission);
      requireCoin(m.collateral, 'collateral');
    },
    handle(ctx, m) {
      const providerAddress = providers.register(ctx, {
        operator: operatorOf(m),
        moniker: m.moniker,
        endpoint: m.endpoint,
        modelIds: m.modelIds,
        pricePerTask: m.pricePerTask,
        rates: m.commission!,
        collateral: amountOf(m.collateral)!,
      });
      return MsgRegisterProviderResponse.encode({ providerAddress }).finish();
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
    handle(ctx, m) {
      providers.update(ctx, operatorOf(m), m);
      return MsgUpdateProviderResponse.encode({}).finish();
    },
  });

  const deregisterProvider = msgService<MsgDeregisterProvider>({
    typeUrl: `${TYPE}MsgDeregisterProvider`,
    responseTypeUrl: `${TYPE}MsgDeregisterProviderResponse`,
    codec: MsgDeregisterProvider,
    signers: (m) => [m.operator],
    validateBasic(m) {
      parseAddress(m.operator, undefined, 'operator');
    },
    handle(ctx, m) {
      const r = providers.deregister(ctx, operatorOf(m));
      return MsgDeregisterProviderResponse.encode({
        completionTime: r.completionTime,
        collateral: { denom: k.getParams(ctx).bondDenom, amount: r.collateral.toString() },
      }).finish();
    },
  });

  const updateParams = updateParamsService<Params>({
    pkg: 'aichain.staking.v1',
    codec: MsgUpdateParams,
    response: MsgUpdateParamsResponse,
    authority,
    validate: (p) => validateParams(p),
    set: (ctx, p) => k.setParams(ctx, p),
  });
  return [
    updateParams,
    createValidator,
    editValidator,
    delegate,
    undelegate,
    redelegate,
    registerProvider,
    updateProvider,
    deregisterProvider,
  ];
}
