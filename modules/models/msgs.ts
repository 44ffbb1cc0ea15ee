// The models messages: validate the stateless fields, check who signs, call the keeper.
import {
  MsgRegisterDataset,
  MsgRegisterDatasetResponse,
  MsgRegisterModel,
  MsgRegisterModelResponse,
  MsgRetireDataset,
  MsgRetireDatasetResponse,
  MsgRetireModel,
  MsgRetireModelResponse,
} from '../../proto/gen/aichain/models/v1/tx.js';
import { msgService, type MsgService } from '../../chain/types/module.js';
import { parseAddress } from '../../chain/types/address.js';
import { parseCoins } from '../../chain/types/coins.js';
import type { ModelsKeeper } from './keeper.js';
import { modelsErrors } from './errors.js';
import { LIMITS, requireId, requireText, validateRule, validateShares, validateSpec } from './validate.js';

const TYPE = '/aichain.models.v1.';

function requireBondCoin(bond: { denom: string; amount: string } | undefined): void {
  if (!bond) throw modelsErrors.bondTooSmall('no bond given');
  parseCoins([bond]);
}

export function modelsMsgs(k: ModelsKeeper): MsgService[] {
  const registerModel = msgService<MsgRegisterModel>({
    typeUrl: `${TYPE}MsgRegisterModel`,
    responseTypeUrl: `${TYPE}MsgRegisterModelResponse`,
    codec: MsgRegisterModel,
    signers: (m) => [m.owner],
    validateBasic(m) {
      parseAddress(m.owner, undefined, 'owner');
      if (m.model.length === 0) throw modelsErrors.notOnnx('empty model');
      requireText(m.name, 'name', LIMITS.nameChars, true);
      requireText(m.description, 'description', LIMITS.descriptionChars);
      validateSpec(m.spec);
      validateRule(m.rule, m.scaleBits, m.tolerance, m.spec);
      validateShares(m.datasets, Number.MAX_SAFE_INTEGER); // the count limit is a param, checked by the keeper
      requireBondCoin(m.bond);
    },
    handle(ctx, m) {
      const id = k.registerModel(ctx, m);
      return MsgRegisterModelResponse.encode({ id }).finish();
    },
  });

  const registerDataset = msgService<MsgRegisterDataset>({
    typeUrl: `${TYPE}MsgRegisterDataset`,
    responseTypeUrl: `${TYPE}MsgRegisterDatasetResponse`,
    codec: MsgRegisterDataset,
    signers: (m) => [m.owner],
    validateBasic(m) {
      parseAddress(m.owner, undefined, 'owner');
      requireId(m.contentHash, 'content hash');
      requireText(m.uri, 'uri', LIMITS.uriChars, true);
      requireText(m.description, 'description', LIMITS.descriptionChars);
      requireBondCoin(m.bond);
    },
    handle(ctx, m) {
      const id = k.registerDataset(ctx, m);
      return MsgRegisterDatasetResponse.encode({ id }).finish();
    },
  });

  const retireModel = msgService<MsgRetireModel>({
    typeUrl: `${TYPE}MsgRetireModel`,
    responseTypeUrl: `${TYPE}MsgRetireModelResponse`,
    codec: MsgRetireModel,
    signers: (m) => [m.owner],
    validateBasic(m) {
      parseAddress(m.owner, undefined, 'owner');
      requireId(m.id, 'model id');
    },
    handle(ctx, m) {
      return MsgRetireModelResponse.encode({ unlockTime: k.retireModel(ctx, m.owner, m.id) }).finish();
    },
  });

  const retireDataset = msgService<MsgRetireDataset>({
    typeUrl: `${TYPE}MsgRetireDataset`,
    responseTypeUrl: `${TYPE}MsgRetireDatasetResponse`,
    codec: MsgRetireDataset,
    signers: (m) => [m.owner],
    validateBasic(m) {
      parseAddress(m.owner, undefined, 'owner');
      requireId(m.id, 'dataset id');
    },
    handle(ctx, m) {
      return MsgRetireDatasetResponse.encode({ unlockTime: k.retireDataset(ctx, m.owner, m.id) }).finish();
    },
  });

  return [registerModel, registerDataset, retireModel, retireDataset];
}
