// Writes the repo's default dev genesis (genesis.json): chain aichain-dev-1, dev accounts 0–4 of the public dev
// mnemonic funded with both denoms, and the dev validator whose ed25519 key derives from the same mnemonic.
// Run: node --import tsx scripts/make-dev-genesis.ts [OUT]   (the committed genesis.json is this script's output)
import { writeFileSync } from 'node:fs';
import { DEV_ADDRESSES, DEV_CHAIN_ID, devValidatorKey } from '../chain/home/dev.js';
import { defaultAuthGenesis } from '../modules/auth/genesis.js';
import { defaultBankGenesis } from '../modules/bank/genesis.js';

export const DEV_DENOM_METADATA = [
  { description: 'The native staking, gas and governance token of aichain', denom_units: [{ denom: 'uaic', exponent: 0, aliases: ['microaic'] }, { denom: 'aic', exponent: 6, aliases: [] }], base: 'uaic', display: 'aic', name: 'AIC', symbol: 'AIC' },
  { description: 'A test stablecoin for task payments', denom_units: [{ denom: 'uusdc', exponent: 0, aliases: [] }, { denom: 'usdc', exponent: 6, aliases: [] }], base: 'uusdc', display: 'usdc', name: 'USDC (test)', symbol: 'USDC' },
];

export function devGenesis() {
  const v = devValidatorKey();
  const bank = defaultBankGenesis();
  bank.denom_metadata = DEV_DENOM_METADATA;
  // 1,000,000 AIC and 1,000,000 USDC each.
  bank.balances = DEV_ADDRESSES.map((address) => ({ address, coins: [{ denom: 'uaic', amount: '1000000000000' }, { denom: 'uusdc', amount: '1000000000000' }] }));
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
    validators: [{
      address: Buffer.from(v.address).toString('hex').toUpperCase(),
      pub_key: { type: 'tendermint/PubKeyEd25519', value: Buffer.from(v.pubKey).toString('base64') },
      power: '10',
      name: 'dev-validator',
    }],
    app_hash: '',
    app_state: { auth: defaultAuthGenesis(), bank },
  };
}

if (process.argv[1]?.endsWith('make-dev-genesis.ts')) {
  const out = process.argv[2] ?? new URL('../genesis.json', import.meta.url).pathname;
  writeFileSync(out, JSON.stringify(devGenesis(), null, 2) + '\n');
  console.log(`wrote ${out}`);
}
