import test from 'tape';
import { STORE_PREFIXES } from '../../../chain/app/store-prefixes.js';
import { KEY as AUTH_KEYS } from '../../../modules/auth/keys.js';
import { KEY as BANK_KEYS } from '../../../modules/bank/keys.js';
import { KEY as MODELS_KEYS } from '../../../modules/models/keys.js';
import { KEY as STAKING_KEYS } from '../../../modules/staking/keys.js';
import { KEY as DISTRIBUTION_KEYS } from '../../../modules/distribution/keys.js';
import { KEY as SLASHING_KEYS } from '../../../modules/slashing/keys.js';
import { KEY as MINT_KEYS } from '../../../modules/mint/keys.js';

const unique = (o: Record<string, number>) => new Set(Object.values(o)).size === Object.values(o).length;

test('store prefixes are unique, one byte each, in the app table and in every module', (t) => {
  for (const [name, table] of Object.entries({
    app: STORE_PREFIXES,
    auth: AUTH_KEYS,
    bank: BANK_KEYS,
    models: MODELS_KEYS,
    staking: STAKING_KEYS,
    distribution: DISTRIBUTION_KEYS,
    slashing: SLASHING_KEYS,
    mint: MINT_KEYS,
  })) {
    t.ok(unique(table), `${name}: no prefix used twice`);
    t.ok(
      Object.values(table).every((v) => Number.isInteger(v) && v >= 0 && v <= 0xff),
      `${name}: every prefix is one byte`,
    );
  }
  t.end();
});
