// `aichain tx staking …` and `aichain query staking …`: validators, compute providers, delegation, unbonding, redelegation.
import { QueryClient } from '@cosmjs/stargate';
import { connectComet } from '@cosmjs/tendermint-rpc';
import { parseCoins } from '@cosmjs/stargate';
import { setupAichainStakingExtension } from '../client/index.js';
import { BondStatus } from '../../proto/gen/aichain/staking/v1/types.js';
import { resolveHome, loadHome } from '../home/index.js';
import { nodeUrl, parse, UsageError } from './args.js';
import { print } from './output.js';
import { broadcast, signerAddress, txFlags } from './broadcast.js';

const TYPE = '/aichain.staking.v1.';
const TX_USAGE = `usage: aichain tx staking ACTION --from KEY …
  create-validator --amount 10000000uaic [--moniker M] [--commission-rate 0.1] [--commission-max-rate 0.2]
                   [--commission-max-change-rate 0.01] [--min-self-delegation 1] [--pubkey BASE64 (default: the home's validator key)]
  edit-validator [--moniker M] [--commission-rate R] [--min-self-delegation N]
  delegate TARGET AMOUNT | undelegate TARGET AMOUNT | redelegate SRC_TARGET DST_TARGET AMOUNT | unjail
  register-provider --amount COLLATERAL --models ID[,ID] --price 10uaic[,5uusdc] [--moniker M] [--endpoint URL]
                    [--commission-rate 0.1] [--commission-max-rate 0.2] [--commission-max-change-rate 0.01]
  update-provider [--models ID[,ID]] [--price COINS] [--endpoint URL] [--moniker M] [--commission-rate R]
  deregister-provider | unjail-provider
(TARGET: a validator's aivaloper1… or a compute provider's aiprov1… address)`;
const QUERY_USAGE =
  'usage: aichain query staking validators [--status bonded|unbonded] | validator VALOPER | delegations DELEGATOR | '
  + 'delegation DELEGATOR TARGET | validator-delegations TARGET | unbonding DELEGATOR | redelegations DELEGATOR | '
  + 'signing-info VALOPER | slashes [VALOPER] | params | pool | providers [--status bonded|unbonded] | provider AIPROV|ADDR';

/** A comma-separated list of model ids; empty entries are refused rather than silently dropped. */
function modelList(s: string): string[] {
  const ids = s.split(',').map((x) => x.trim());
  if (ids.some((x) => x === '')) throw new UsageError('--models must be model ids separated by commas, e.g. ID1,ID2');
  return ids;
}

function coinList(s: string | undefined, what: string) {
  let c;
  try {
    c = parseCoins(s ?? '');
  } catch (e) {
    throw new UsageError(`${what}: ${(e as Error).message}`);
  }
  if (c.length === 0) throw new UsageError(`${what} must be amounts separated by commas, e.g. 10uaic,5uusdc`);
  return c;
}

function oneCoin(s: string | undefined, what: string) {
  const c = coinList(s, what);
  if (c.length !== 1) throw new UsageError(`${what} must be one amount, e.g. 1000000uaic`);
  return c[0];
}

export async function stakingTx(argv: string[]): Promise<void> {
  const { values, positionals } = parse(argv, {
    ...txFlags,
    from: { type: 'string' },
    amount: { type: 'string' },
    moniker: { type: 'string' },
    pubkey: { type: 'string' },
    'commission-rate': { type: 'string' },
    'commission-max-rate': { type: 'string' },
    'commission-max-change-rate': { type: 'string' },
    'min-self-delegation': { type: 'string' },
    models: { type: 'string' },
    price: { type: 'string' },
    endpoint: { type: 'string' },
  });
  const [action, a1, a2, a3] = positionals;
  if (!action || !values.from) throw new UsageError(TX_USAGE);
  const me = await signerAddress(values, values.from);
  switch (action) {
    case 'create-validator': {
      const pub = values.pubkey
        ? Buffer.from(values.pubkey, 'base64')
        : (await loadHome(resolveHome(values.home))).privValidator.pubKey;
      // Without --min-self-delegation, the chain's minimum (a validator may not go below it anyway).
      const minSelf =
        values['min-self-delegation'] ?? (await queryStaking(values.node, (q) => q.params())).minSelfDelegation;
      await broadcast(values, values.from, [
        {
          typeUrl: `${TYPE}MsgCreateValidator`,
          value: {
            operator: me,
            consensusPubkey: pub,
            moniker: values.moniker ?? 'validator',
            commission: {
              rate: values['commission-rate'] ?? '0.1',
              maxRate: values['commission-max-rate'] ?? '0.2',
              maxChangeRate: values['commission-max-change-rate'] ?? '0.01',
            },
            minSelfDelegation: minSelf,
            selfDelegation: oneCoin(values.amount, '--amount'),
          },
        },
      ]);
      return;
    }
    case 'edit-validator':
      await broadcast(values, values.from, [
        {
          typeUrl: `${TYPE}MsgEditValidator`,
          value: {
            operator: me,
            moniker: values.moniker ?? '',
            commissionRate: values['commission-rate'] ?? '',
            minSelfDelegation: values['min-self-delegation'] ?? '',
          },
        },
      ]);
      return;
    case 'delegate':
    case 'undelegate':
      if (!a1 || !a2) throw new UsageError(TX_USAGE);
      await broadcast(values, values.from, [
        {
          typeUrl: `${TYPE}Msg${action === 'delegate' ? 'Delegate' : 'Undelegate'}`,
          value: { delegatorAddress: me, validatorAddress: a1, amount: oneCoin(a2, 'AMOUNT') },
        },
      ]);
      return;
    case 'unjail':
      await broadcast(values, values.from, [{ typeUrl: `${TYPE}MsgUnjail`, value: { operator: me } }]);
      return;
    case 'redelegate':
      if (!a1 || !a2 || !a3) throw new UsageError(TX_USAGE);
      await broadcast(values, values.from, [
        {
          typeUrl: `${TYPE}MsgRedelegate`,
          value: {
            delegatorAddress: me,
            validatorSrcAddress: a1,
            validatorDstAddress: a2,
            amount: oneCoin(a3, 'AMOUNT'),
          },
        },
      ]);
      return;
    case 'register-provider': {
      if (!values.models || !values.price)
        throw new UsageError(`register-provider needs --amount, --models and --price\n${TX_USAGE}`);
      await broadcast(values, values.from, [
        {
          typeUrl: `${TYPE}MsgRegisterProvider`,
          value: {
            operator: me,
            moniker: values.moniker ?? 'provider',
            endpoint: values.endpoint ?? '',
            modelIds: modelList(values.models),
            pricePerTask: coinList(values.price, '--price'),
            commission: {
              rate: values['commission-rate'] ?? '0.1',
              maxRate: values['commission-max-rate'] ?? '0.2',
              maxChangeRate: values['commission-max-change-rate'] ?? '0.01',
            },
            collateral: oneCoin(values.amount, '--amount'),
          },
        },
      ]);
      return;
    }
    case 'update-provider':
      // Empty fields and lists keep their value on chain.
      await broadcast(values, values.from, [
        {
          typeUrl: `${TYPE}MsgUpdateProvider`,
          value: {
            operator: me,
            moniker: values.moniker ?? '',
            endpoint: values.endpoint ?? '',
            modelIds: values.models ? modelList(values.models) : [],
            pricePerTask: values.price ? coinList(values.price, '--price') : [],
            commissionRate: values['commission-rate'] ?? '',
          },
        },
      ]);
      return;
    case 'deregister-provider':
      await broadcast(values, values.from, [{ typeUrl: `${TYPE}MsgDeregisterProvider`, value: { operator: me } }]);
      return;
    case 'unjail-provider':
      await broadcast(values, values.from, [{ typeUrl: `${TYPE}MsgUnjailProvider`, value: { operator: me } }]);
      return;
    default:
      throw new UsageError(TX_USAGE);
  }
}

const STATUS: Record<string, BondStatus> = {
  bonded: BondStatus.BOND_STATUS_BONDED,
  unbonded: BondStatus.BOND_STATUS_UNBONDED,
};

async function queryStaking<T>(
  node: string | undefined,
  f: (q: ReturnType<typeof setupAichainStakingExtension>['aichainStaking']) => Promise<T>,
): Promise<T> {
  const comet = await connectComet(nodeUrl(node));
  try {
    return await f(QueryClient.withExtensions(comet, setupAichainStakingExtension).aichainStaking);
  } finally {
    comet.disconnect();
  }
}

export async function stakingQuery(argv: string[]): Promise<void> {
  const { values, positionals } = parse(argv, { status: { type: 'string' } });
  const [what, a1, a2] = positionals;
  const answer = await queryStaking(values.node, async (q): Promise<unknown> => {
    switch (what) {
      case 'validators': {
        const status = values.status ? STATUS[values.status] : BondStatus.BOND_STATUS_UNSPECIFIED;
        if (status === undefined) throw new UsageError('--status must be bonded or unbonded');
        return q.validators(status);
      }
      case 'validator':
        if (a1) return q.validator(a1);
        break;
      case 'providers': {
        const status = values.status ? STATUS[values.status] : BondStatus.BOND_STATUS_UNSPECIFIED;
        if (status === undefined) throw new UsageError('--status must be bonded or unbonded');
        return q.providers(status);
      }
      case 'provider':
        if (a1) return q.provider(a1);
        break;
      case 'delegations':
        if (a1) return q.delegatorDelegations(a1);
        break;
      case 'delegation':
        if (a1 && a2) return q.delegation(a1, a2);
        break;
      case 'validator-delegations':
        if (a1) return q.validatorDelegations(a1);
        break;
      case 'unbonding':
        if (a1) return q.unbondingDelegations(a1);
        break;
      case 'redelegations':
        if (a1) return q.redelegations(a1);
        break;
      case 'signing-info':
        if (a1) return q.signingInfo(a1);
        break;
      case 'slashes':
        return q.slashHistory(a1);
      case 'params':
        return q.params();
      case 'pool':
        return q.pool();
    }
    throw new UsageError(QUERY_USAGE);
  });
  print(answer, values.output);
}
