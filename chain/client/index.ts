// The client entry (`import … from 'aichain/client'`): a CosmJS Registry with every message type the chain accepts,
// the query extensions, and helpers to connect, so a client needs no hand-written encoding.
import { Registry, DirectSecp256k1HdWallet, type OfflineSigner, type GeneratedType } from '@cosmjs/proto-signing';
import {
  GasPrice,
  QueryClient,
  SigningStargateClient,
  StargateClient,
  makeCosmoshubPath,
  setupTxExtension,
  setupGovExtension,
  type SigningStargateClientOptions,
} from '@cosmjs/stargate';
import { connectComet } from '@cosmjs/tendermint-rpc';
import { bankTypes, setupBankExtension } from '../../modules/bank/client.js';
import { authTypes, setupAichainAuthExtension, setupAuthExtension } from '../../modules/auth/client.js';
import { modelsTypes, setupModelsExtension } from '../../modules/models/client.js';
import { stakingTypes, setupAichainStakingExtension } from '../../modules/staking/client.js';
import { distributionTypes, setupAichainDistributionExtension } from '../../modules/distribution/client.js';
import { setupAichainSlashingExtension, slashingTypes } from '../../modules/slashing/client.js';
import { mintTypes, setupAichainMintExtension } from '../../modules/mint/client.js';
import { setupTasksExtension, tasksTypes } from '../../modules/tasks/client.js';
import { setupVerifyExtension, verifyTypes } from '../../modules/verify/client.js';
import { govTypes, setupGovV1Extension } from '../../modules/gov/client.js';

export const AICHAIN_DEV = {
  chainId: 'aichain-dev-1',
  prefix: 'ai',
  denom: 'uaic',
  gasPrice: '0.025uaic',
  rpc: 'http://127.0.0.1:26657',
} as const;

/** Every message type the chain accepts, by type URL. */
export const aichainTypes: ReadonlyArray<[string, GeneratedType]> = [
  ...authTypes,
  ...bankTypes,
  ...modelsTypes,
  ...stakingTypes,
  ...distributionTypes,
  ...tasksTypes,
  ...slashingTypes,
  ...mintTypes,
  ...verifyTypes,
  ...govTypes,
];

export function aichainRegistry(): Registry {
  return new Registry(aichainTypes);
}

/** A QueryClient with the standard auth/bank/tx extensions and aichain's own. */
export async function connectAichainQueryClient(rpcUrl: string = AICHAIN_DEV.rpc) {
  const comet = await connectComet(rpcUrl);
  return QueryClient.withExtensions(
    comet,
    setupAuthExtension,
    setupBankExtension,
    setupTxExtension,
    setupAichainAuthExtension,
    setupModelsExtension,
    setupAichainStakingExtension,
    setupAichainSlashingExtension,
    setupAichainMintExtension,
    setupAichainDistributionExtension,
    setupTasksExtension,
    setupVerifyExtension,
    setupGovExtension,
    setupGovV1Extension,
  );
}

export async function connectAichain(rpcUrl: string = AICHAIN_DEV.rpc): Promise<StargateClient> {
  return StargateClient.connect(rpcUrl);
}

/**
 * A signing client with this chain's registry and, unless told otherwise, its minimum gas price (fee "auto" works)
 * and a 500 ms inclusion poll (CosmJS polls every 3 s by default; dev blocks come every second).
 */
export async function connectAichainSigner(
  rpcUrl: string,
  signer: OfflineSigner,
  options: SigningStargateClientOptions = {},
): Promise<SigningStargateClient> {
  return SigningStargateClient.connectWithSigner(rpcUrl, signer, {
    registry: aichainRegistry(),
    gasPrice: GasPrice.fromString(AICHAIN_DEV.gasPrice),
    broadcastPollIntervalMs: 500,
    ...options,
  });
}

/** A wallet for accounts `indexes` of `mnemonic` on path m/44'/118'/0'/0/i with prefix "ai". */
export function aichainWallet(mnemonic: string, indexes: number[] = [0]): Promise<DirectSecp256k1HdWallet> {
  return DirectSecp256k1HdWallet.fromMnemonic(mnemonic, {
    prefix: AICHAIN_DEV.prefix,
    hdPaths: indexes.map((i) => makeCosmoshubPath(i)),
  });
}

export {
  authTypes,
  bankTypes,
  modelsTypes,
  stakingTypes,
  distributionTypes,
  tasksTypes,
  slashingTypes,
  mintTypes,
  govTypes,
  verifyTypes,
};
export * from '../../modules/bank/client.js';
export * from '../../modules/auth/client.js';
export * from '../../modules/models/client.js';
export * from '../../modules/staking/client.js';
export * from '../../modules/distribution/client.js';
export * from '../../modules/slashing/client.js';
export * from '../../modules/mint/client.js';
export * from '../../modules/tasks/client.js';
export * from '../../modules/verify/client.js';
// Canonical outputs back to floats (value / 2^scale_bits), beside the encoder in native/onnx.
export { decodeCanonical, fromScaled, type DecodedTensor } from '../../native/onnx/canonical.js';
export * from '../../modules/gov/client.js';
