// Writes the repo's default dev genesis (genesis.json): chain aichain-dev-1, dev accounts 0–4 of the public dev
// mnemonic funded with both denoms, and the dev validator whose ed25519 key derives from the same mnemonic.
// Run: node --import tsx scripts/make-dev-genesis.ts [OUT]   (the committed genesis.json is this script's output)
import { writeFileSync } from 'node:fs';
import { DEV_ADDRESSES, DEV_CHAIN_ID, devValidatorKey } from '../chain/home/dev.js';
import { AuthGenesis, defaultAuthGenesis } from '../modules/auth/genesis.js';
import { BankGenesis, defaultBankGenesis } from '../modules/bank/genesis.js';
import { defaultModelsGenesis, ModelsGenesis } from '../modules/models/genesis.js';
import { defaultTasksGenesis, TasksGenesis } from '../modules/tasks/genesis.js';
import { toGenesisJSON } from '../chain/app/genesis.js';
import { ComparisonRule, Status } from '../proto/gen/aichain/models/v1/types.js';
import { defaultStakingGenesis, StakingGenesis } from '../modules/staking/genesis.js';
import { defaultSlashingGenesis, SlashingGenesis } from '../modules/slashing/genesis.js';
import { defaultMintGenesis, MintGenesis } from '../modules/mint/genesis.js';
import { defaultDistributionGenesis, DistributionGenesis } from '../modules/distribution/genesis.js';
import { BondStatus } from '../proto/gen/aichain/staking/v1/types.js';
import { BONDED_POOL } from '../modules/staking/pools.js';
import { moduleAddress, parseAddress, PROVIDER_PREFIX, toAddress, VALOPER_PREFIX } from '../chain/types/address.js';
import { IRIS_CSV_PATH, REFERENCE_MODELS, readReferenceModel } from '../native/models/index.js';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';

export const DEV_DENOM_METADATA = [
  {
    description: 'The native staking, gas and governance token of aichain',
    denomUnits: [
      { denom: 'uaic', exponent: 0, aliases: ['microaic'] },
      { denom: 'aic', exponent: 6, aliases: [] },
    ],
    base: 'uaic',
    display: 'aic',
    name: 'AIC',
    symbol: 'AIC',
    uri: '',
    uriHash: '',
  },
  {
    description: 'A test stablecoin for task payments',
    denomUnits: [
      { denom: 'uusdc', exponent: 0, aliases: [] },
      { denom: 'usdc', exponent: 6, aliases: [] },
    ],
    base: 'uusdc',
    display: 'usdc',
    name: 'USDC (test)',
    symbol: 'USDC',
    uri: '',
    uriHash: '',
  },
];

/**
 * The registry's dev state: the Iris dataset and the two reference models, owned by dev account 0 with the minimum
 * bonds. The bonds sit in the models module account as extra genesis supply, so dev accounts 0–4 keep their round
 * 1,000,000 AIC.
 */
export function devModelsGenesis(owner: string): { models: ModelsGenesis; escrowed: bigint } {
  const g = defaultModelsGenesis();
  const modelBond = g.params!.minModelBond!,
    datasetBond = g.params!.minDatasetBond!;
  const irisId = createHash('sha256').update(readFileSync(IRIS_CSV_PATH)).digest('hex');
  const active = { status: Status.STATUS_ACTIVE, registeredHeight: 0n, unlockTime: 0n };
  g.datasets = [
    {
      id: irisId,
      owner,
      uri: 'https://archive.ics.uci.edu/dataset/53/iris',
      description: "Fisher's Iris (150 rows), as native/models/iris.csv",
      bond: { ...datasetBond },
      ...active,
    },
  ];
  const dims = (s: Array<number | string>) => s.map((d) => (typeof d === 'number' ? BigInt(d) : -1n));
  const tensor = (t: { name: string; dtype: string; shape: Array<number | string> }) => ({
    name: t.name,
    dtype: t.dtype,
    shape: dims(t.shape),
  });
  g.models = REFERENCE_MODELS.map((m) => {
    const { id, bytes } = readReferenceModel(m);
    return {
      model: {
        id,
        owner,
        name: m.name,
        description: m.description,
        spec: { inputs: m.spec.inputs.map(tensor), outputs: m.spec.outputs.map(tensor) },
        rule:
          m.rule.kind === 'argmax'
            ? ComparisonRule.COMPARISON_RULE_ARGMAX
            : m.rule.kind === 'tolerance'
              ? ComparisonRule.COMPARISON_RULE_TOLERANCE
              : ComparisonRule.COMPARISON_RULE_EXACT,
        scaleBits: m.scaleBits,
        tolerance: m.rule.kind === 'tolerance' ? BigInt(m.rule.tolerance) : 0n,
        datasets: [{ datasetId: irisId, shareBps: 1000 }],
        bond: { ...modelBond },
        // Measured again at import; zero here.
        sizeBytes: 0n,
        paramCount: 0n,
        flopCount: 0n,
        ...active,
      },
      bytes,
    };
  }).sort((a, b) => (a.model.id < b.model.id ? -1 : 1));
  const escrowed = BigInt(datasetBond.amount) + BigInt(modelBond.amount) * BigInt(g.models.length);
  return { models: g, escrowed };
}

/** The dev genesis' validator power; its self-delegation is power × power_reduction, held by the bonded pool. */
export const DEV_VALIDATOR_POWER = 10n;

/**
 * The dev validator as a staking validator operated by dev account 0 (operator address = the same bytes as
 * aivaloper), self-delegated DEV_VALIDATOR_POWER × power_reduction uaic, with a short (60 s) unbonding time. The
 * bonded tokens sit in the bonded pool as extra genesis supply, so dev account 0 keeps its round balance.
 */
/**
 * Dev account 1 runs a compute provider serving every reference model at 10 uaic or 1 uusdc per task, with the
 * minimum collateral (held by the bonded pool as extra genesis supply, like the validator's stake).
 */
function devProvider(g: StakingGenesis, operator: string, modelIds: string[]): bigint {
  const collateral = BigInt(g.params!.minProviderCollateral);
  const addr = toAddress(parseAddress(operator), PROVIDER_PREFIX);
  g.providers = [
    {
      providerAddress: addr,
      operator,
      moniker: 'dev-provider',
      endpoint: 'http://127.0.0.1:8080',
      modelIds,
      pricePerTask: [
        { denom: 'uaic', amount: '10' },
        { denom: 'uusdc', amount: '1' },
      ],
      commission: { rates: DEV_RATES, updateTime: 0n },
      tokens: String(collateral),
      delegatorShares: `${collateral}.000000000000000000`,
      status: BondStatus.BOND_STATUS_BONDED,
      jailed: false,
      jailedUntil: 0n,
      registeredHeight: 0n,
      deregisteredTime: 0n,
    },
  ];
  g.delegations.push({
    delegatorAddress: operator,
    validatorAddress: addr,
    shares: `${collateral}.000000000000000000`,
  });
  return collateral;
}

const DEV_RATES = {
  rate: '0.100000000000000000',
  maxRate: '0.200000000000000000',
  maxChangeRate: '0.010000000000000000',
};

export function devStakingGenesis(
  operator: string,
  consensusPubKey: Uint8Array,
  provider?: { operator: string; modelIds: string[] },
): { staking: StakingGenesis; bonded: bigint } {
  const g = defaultStakingGenesis();
  g.params!.unbondingTime = 60n;
  const bonded = DEV_VALIDATOR_POWER * BigInt(g.params!.powerReduction);
  const valoper = toAddress(parseAddress(operator), VALOPER_PREFIX);
  g.validators = [
    {
      operatorAddress: valoper,
      consensusPubkey: consensusPubKey,
      moniker: 'dev-validator',
      commission: { rates: DEV_RATES, updateTime: 0n },
      tokens: String(bonded),
      delegatorShares: `${bonded}.000000000000000000`,
      status: BondStatus.BOND_STATUS_BONDED,
      minSelfDelegation: g.params!.minSelfDelegation,
      jailed: false,
    },
  ];
  g.delegations = [{ delegatorAddress: operator, validatorAddress: valoper, shares: `${bonded}.000000000000000000` }];
  const collateral = provider ? devProvider(g, provider.operator, provider.modelIds) : 0n;
  return { staking: g, bonded: bonded + collateral };
}

export function devGenesis() {
  const v = devValidatorKey();
  const bank = defaultBankGenesis();
  bank.denomMetadata = DEV_DENOM_METADATA;
  // 1,000,000 AIC and 1,000,000 USDC each.
  bank.balances = DEV_ADDRESSES.map((address) => ({
    address,
    coins: [
      { denom: 'uaic', amount: '1000000000000' },
      { denom: 'uusdc', amount: '1000000000000' },
    ],
  }));
  const { models, escrowed } = devModelsGenesis(DEV_ADDRESSES[0]);
  bank.balances.push({
    address: toAddress(moduleAddress('models')),
    coins: [{ denom: 'uaic', amount: String(escrowed) }],
  });
  const { staking, bonded } = devStakingGenesis(DEV_ADDRESSES[0], v.pubKey, {
    operator: DEV_ADDRESSES[1],
    modelIds: models.models.map((m) => m.model!.id),
  });
  bank.balances.push({
    address: toAddress(moduleAddress(BONDED_POOL)),
    coins: [{ denom: 'uaic', amount: String(bonded) }],
  });
  return {
    genesis_time: '2026-11-27T00:00:00Z',
    chain_id: DEV_CHAIN_ID,
    initial_height: '1',
    consensus_params: {
      block: { max_bytes: '22020096', max_gas: '-1' },
      evidence: { max_age_num_blocks: '100000', max_age_duration: '172800000000000', max_bytes: '1048576' },
      validator: { pub_key_types: ['ed25519'] },
      version: { app: '0' },
      abci: { vote_extensions_enable_height: '1' },
    },
    validators: [
      {
        address: Buffer.from(v.address).toString('hex').toUpperCase(),
        pub_key: { type: 'tendermint/PubKeyEd25519', value: Buffer.from(v.pubKey).toString('base64') },
        power: String(DEV_VALIDATOR_POWER),
        name: 'dev-validator',
      },
    ],
    app_hash: '',
    app_state: {
      auth: toGenesisJSON(AuthGenesis, defaultAuthGenesis()),
      bank: toGenesisJSON(BankGenesis, bank),
      models: toGenesisJSON(ModelsGenesis, models),
      staking: toGenesisJSON(StakingGenesis, staking),
      slashing: toGenesisJSON(SlashingGenesis, defaultSlashingGenesis()),
      mint: toGenesisJSON(MintGenesis, defaultMintGenesis()),
      distribution: toGenesisJSON(DistributionGenesis, defaultDistributionGenesis()),
      tasks: toGenesisJSON(TasksGenesis, defaultTasksGenesis()),
    },
  };
}

if (process.argv[1]?.endsWith('make-dev-genesis.ts')) {
  const out = process.argv[2] ?? new URL('../genesis.json', import.meta.url).pathname;
  writeFileSync(out, JSON.stringify(devGenesis(), null, 2) + '\n');
  console.log(`wrote ${out}`);
}
