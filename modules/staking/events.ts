// The staking module's events (type + string attributes, indexed, so tx_search finds them). slash and liveness are
// emitted by modules/slashing; jail and unjail by both (staking for what it does to the records).
import type { Context } from '../../chain/types/context.js';

export const EVENT = {
  createValidator: 'create_validator',
  editValidator: 'edit_validator',
  delegate: 'delegate',
  unbond: 'unbond',
  redelegate: 'redelegate',
  completeUnbonding: 'complete_unbonding',
  completeRedelegation: 'complete_redelegation',
  validatorSetUpdate: 'validator_set_update',
  jail: 'jail',
  unjail: 'unjail',
  registerProvider: 'register_provider',
  updateProvider: 'update_provider',
  deregisterProvider: 'deregister_provider',
} as const;

export const emitCreateValidator = (ctx: Context, validator: string, amount: string) =>
  ctx.events.emit(EVENT.createValidator, [
    ['validator', validator],
    ['amount', amount],
  ]);
export const emitEditValidator = (ctx: Context, validator: string, rate: string, minSelf: string) =>
  ctx.events.emit(EVENT.editValidator, [
    ['validator', validator],
    ['commission_rate', rate],
    ['min_self_delegation', minSelf],
  ]);
export const emitDelegate = (ctx: Context, delegator: string, validator: string, amount: string, shares: string) =>
  ctx.events.emit(EVENT.delegate, [
    ['delegator', delegator],
    ['validator', validator],
    ['amount', amount],
    ['new_shares', shares],
  ]);
export const emitUnbond = (ctx: Context, delegator: string, validator: string, amount: string, completion: bigint) =>
  ctx.events.emit(EVENT.unbond, [
    ['delegator', delegator],
    ['validator', validator],
    ['amount', amount],
    ['completion_time', String(completion)],
  ]);
export const emitRedelegate = (
  ctx: Context,
  delegator: string,
  src: string,
  dst: string,
  amount: string,
  completion: bigint,
) =>
  ctx.events.emit(EVENT.redelegate, [
    ['delegator', delegator],
    ['source_validator', src],
    ['destination_validator', dst],
    ['amount', amount],
    ['completion_time', String(completion)],
  ]);
export const emitCompleteUnbonding = (ctx: Context, delegator: string, validator: string, amount: string) =>
  ctx.events.emit(EVENT.completeUnbonding, [
    ['delegator', delegator],
    ['validator', validator],
    ['amount', amount],
  ]);
export const emitCompleteRedelegation = (ctx: Context, delegator: string, src: string, dst: string) =>
  ctx.events.emit(EVENT.completeRedelegation, [
    ['delegator', delegator],
    ['source_validator', src],
    ['destination_validator', dst],
  ]);
export const emitValidatorSetUpdate = (ctx: Context, validator: string, power: bigint) =>
  ctx.events.emit(EVENT.validatorSetUpdate, [
    ['validator', validator],
    ['power', String(power)],
  ]);
export const emitJail = (ctx: Context, validator: string, until: bigint) =>
  ctx.events.emit(EVENT.jail, [
    ['validator', validator],
    ['jailed_until', String(until)],
  ]);
export const emitUnjail = (ctx: Context, validator: string) =>
  ctx.events.emit(EVENT.unjail, [['validator', validator]]);
export const emitRegisterProvider = (ctx: Context, provider: string, collateral: string, models: string) =>
  ctx.events.emit(EVENT.registerProvider, [
    ['provider', provider],
    ['collateral', collateral],
    ['models', models],
  ]);
export const emitUpdateProvider = (ctx: Context, provider: string, models: string, rate: string) =>
  ctx.events.emit(EVENT.updateProvider, [
    ['provider', provider],
    ['models', models],
    ['commission_rate', rate],
  ]);
export const emitDeregisterProvider = (ctx: Context, provider: string, collateral: string, completion: bigint) =>
  ctx.events.emit(EVENT.deregisterProvider, [
    ['provider', provider],
    ['collateral', collateral],
    ['completion_time', String(completion)],
  ]);
