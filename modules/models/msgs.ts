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
import {
  MsgReinstateModel,
  MsgReinstateModelResponse,
  MsgSuspendModel,
  MsgSuspendModelResponse,
  MsgUpdateParams,
  MsgUpdateParamsResponse,
} from '../../proto/gen/aichain/models/v1/tx.js';
import { Status, type Params } from '../../proto/gen/aichain/models/v1/types.js';
import { requireAuthority, updateParamsService } from '../../chain/types/authority.js';
import { validateParams } from './params.js';
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

export function modelsMsgs(k: ModelsKeeper, authority: string): MsgService[] {
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

  const updateParams = updateParamsService<Params>({
    pkg: 'aichain.models.v1',
    codec: MsgUpdateParams,
    response: MsgUpdateParamsResponse,
    authority,
    validate: (p) => validateParams(p),
    set: (ctx, p) => k.setParams(ctx, p),
  });
  return [registerModel, registerDataset, retireModel, retireDataset, updateParams, ...modelStatusMsgs(k, authority)];
}

/** Governance: suspend an active model (no new tasks on it) or reinstate a suspended one. */
function modelStatusMsgs(k: ModelsKeeper, authority: string): MsgService[] {
  const checkId = (id: string) => {
    if (!/^[0-9a-f]{64}$/.test(id))
      throw modelsErrors.unknownModel(`model id ${JSON.stringify(id)} is not 64 hex digits`);
  };
  const suspend = msgService<MsgSuspendModel>({
    typeUrl: '/aichain.models.v1.MsgSuspendModel',
    responseTypeUrl: '/aichain.models.v1.MsgSuspendModelResponse',
    codec: MsgSuspendModel,
    signers: (m) => [m.authority],
    validateBasic(m) {
      requireAuthority(authority, m.authority);
      checkId(m.modelId);
    },
    handle(ctx, m) {
      const model = k.getModel(ctx, m.modelId);
      if (model && model.status !== Status.STATUS_ACTIVE)
        throw modelsErrors.invalidStatus(`model ${m.modelId} is not active`);
      k.setStatus(ctx, 'model', m.modelId, Status.STATUS_SUSPENDED);
      return MsgSuspendModelResponse.encode({}).finish();
    },
  });
  const reinstate = msgService<MsgReinstateModel>({
    typeUrl: '/aichain.models.v1.MsgReinstateModel',
    responseTypeUrl: '/aichain.models.v1.MsgReinstateModelResponse',
    codec: MsgReinstateModel,
    signers: (m) => [m.authority],
    validateBasic(m) {
      requireAuthority(authority, m.authority);
      checkId(m.modelId);
    },
    handle(ctx, m) {
      const model = k.getModel(ctx, m.modelId);
      if (model && model.status !== Status.STATUS_SUSPENDED)
        throw modelsErrors.invalidStatus(`model ${m.modelId} is not suspended`);
      k.setStatus(ctx, 'model', m.modelId, Status.STATUS_ACTIVE);
      return MsgReinstateModelResponse.encode({}).finish();
    },
  });
  return [suspend, reinstate];
}
