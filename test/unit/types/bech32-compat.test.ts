// CosmJS's own bech32 helpers work with the locked @scure/base: @scure/base 2.3+ rejects the `limit = Infinity` that
// CosmJS 0.39's fromBech32 passes by default, which broke decodeBech32Pubkey and multisig building in client code.
// package.json's "overrides" pins @scure/base 2.2.0 until CosmJS passes a finite limit.
import test from 'tape';
import { fromBech32, toBech32 } from '@cosmjs/encoding';
import { decodeBech32Pubkey, encodeBech32Pubkey, encodeSecp256k1Pubkey } from '@cosmjs/amino';
import { DEV_ADDRESSES } from '../../../chain/home/dev.js';
import { devAccounts } from '../../support/app-harness.js';

test('bech32: CosmJS fromBech32 without a limit, and bech32 pubkeys round trip', async (t) => {
  const { prefix, data } = fromBech32(DEV_ADDRESSES[0]);
  t.equal(prefix, 'ai', 'fromBech32(address) with the default (unlimited) length decodes');
  t.equal(toBech32(prefix, data), DEV_ADDRESSES[0], 'and re-encodes to the same address');
  const [acc] = await devAccounts(1);
  const pub = encodeSecp256k1Pubkey(acc.pubkey);
  const b32 = encodeBech32Pubkey(pub, 'aipub');
  t.ok(b32.startsWith('aipub1'), 'encodeBech32Pubkey gives an aipub1… string');
  t.deepEqual(decodeBech32Pubkey(b32), pub, 'decodeBech32Pubkey gives the key back');
});
