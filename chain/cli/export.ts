// `aichain export`: a CometBFT genesis from the latest committed state (stop the node first: the store is locked).
// Importing it (InitChain) reproduces the same app hash.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CommitStore } from '../store/committed.js';
import { AichainApp } from '../app/app.js';
import { resolveHome, homePaths } from '../home/index.js';
import { consensusParamsToJson } from '../node/consensus-params.js';
import { parse } from './args.js';

export async function exportGenesis(home: string) {
  const store = await CommitStore.open(join(homePaths(home).data, 'application.db'));
  const app = new AichainApp({ store });
  try {
    const meta = app.exportChainMeta();
    return {
      genesis_time: new Date().toISOString(), // allow-nondeterminism: not part of state
      chain_id: meta.chainId,
      initial_height: String(store.version + 1n),
      consensus_params: meta.consensusParams ? consensusParamsToJson(meta.consensusParams) : undefined,
      validators: meta.validators.map((v) => ({
        address: Buffer.from(v.address).toString('hex').toUpperCase(),
        pub_key: { type: 'tendermint/PubKeyEd25519', value: Buffer.from(v.pubKey).toString('base64') },
        power: v.power.toString(),
        name: '',
      })),
      app_hash: '',
      app_state: app.exportAppState(),
      exported_height: store.version.toString(),
      exported_app_hash: Buffer.from(store.root).toString('hex').toUpperCase(),
    };
  } finally {
    await app.close();
  }
}

export async function exportCmd(argv: string[]): Promise<void> {
  const { values } = parse(argv, { out: { type: 'string' } });
  const g = await exportGenesis(resolveHome(values.home));
  const text = JSON.stringify(g, null, 2) + '\n';
  if (values.out) writeFileSync(values.out, text);
  else process.stdout.write(text);
}
