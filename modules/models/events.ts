// The models module's events (type + string attributes, indexed, so tx_search finds them).
import type { Context } from '../../chain/types/context.js';

export const EVENT = {
  registerModel: 'register_model',
  registerDataset: 'register_dataset',
  retire: 'retire',
  bondReleased: 'bond_released',
  slashBond: 'slash_bond',
  statusChanged: 'status_changed',
} as const;

export const emitRegisterModel = (
  ctx: Context,
  a: { id: string; owner: string; bond: string; sizeBytes: bigint; name: string },
) =>
  ctx.events.emit(EVENT.registerModel, [
    ['model_id', a.id],
    ['owner', a.owner],
    ['bond', a.bond],
    ['size_bytes', String(a.sizeBytes)],
    ['name', a.name],
  ]);
export const emitRegisterDataset = (ctx: Context, a: { id: string; owner: string; bond: string; uri: string }) =>
  ctx.events.emit(EVENT.registerDataset, [
    ['dataset_id', a.id],
    ['owner', a.owner],
    ['bond', a.bond],
    ['uri', a.uri],
  ]);
export const emitRetire = (ctx: Context, kind: string, id: string, owner: string, unlockTime: bigint) =>
  ctx.events.emit(EVENT.retire, [
    ['kind', kind],
    ['id', id],
    ['owner', owner],
    ['unlock_time', String(unlockTime)],
  ]);
export const emitBondReleased = (ctx: Context, kind: string, id: string, owner: string, amount: string) =>
  ctx.events.emit(EVENT.bondReleased, [
    ['kind', kind],
    ['id', id],
    ['owner', owner],
    ['amount', amount],
  ]);
export const emitSlashBond = (ctx: Context, kind: string, id: string, amount: string, reason: string) =>
  ctx.events.emit(EVENT.slashBond, [
    ['kind', kind],
    ['id', id],
    ['burned', amount],
    ['reason', reason],
  ]);
export const emitStatusChanged = (ctx: Context, kind: string, id: string, status: string) =>
  ctx.events.emit(EVENT.statusChanged, [
    ['kind', kind],
    ['id', id],
    ['status', status],
  ]);
