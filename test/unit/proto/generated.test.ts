import test from 'tape';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Registry } from '@cosmjs/proto-signing';
import { Coin as CosmjsCoin } from 'cosmjs-types/cosmos/base/v1beta1/coin';
import { Coin } from '../../../proto/gen/cosmos/base/v1beta1/coin.js';
import { CanonicalVoteExtension } from '../../../proto/gen/tendermint/types/canonical_vote_extension.js';
import { registryEntry } from '../../../proto/registry.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

test('generated types work as CosmJS GeneratedTypes in a Registry', (t) => {
  const typeUrl = '/tendermint.types.CanonicalVoteExtension';
  const registry = new Registry([registryEntry(typeUrl, CanonicalVoteExtension)]);
  const value = { extension: Uint8Array.from([1]), height: 2n ** 62n, round: 3n, chainId: 'aichain-dev-1' };
  const any = registry.encodeAsAny({ typeUrl, value });
  t.equal(any.typeUrl, typeUrl, 'packs as Any');
  t.deepEqual(registry.decode(any), value, 'decodes back, int64 as bigint');
  t.deepEqual(
    CanonicalVoteExtension.fromPartial({ height: 5n }),
    { extension: new Uint8Array(0), height: 5n, round: 0n, chainId: '' },
    'fromPartial fills defaults',
  );
  t.end();
});

test('vendored cosmos types are wire- and shape-compatible with cosmjs-types', (t) => {
  const coin = { denom: 'uaic', amount: '1000000' };
  const ours = Coin.encode(coin).finish();
  t.equal(hex(ours), hex(CosmjsCoin.encode(coin).finish()), 'same bytes as cosmjs-types Coin');
  const theirs: CosmjsCoin = Coin.decode(ours);
  t.deepEqual(theirs, coin, 'our decoded Coin is a cosmjs-types Coin');
  t.end();
});

test('proto/gen is up to date with proto/ (npm run proto)', (t) => {
  const script = fileURLToPath(new URL('../../../scripts/gen-proto.mjs', import.meta.url));
  const r = spawnSync(process.execPath, [script, '--check'], { encoding: 'utf8' });
  t.equal(r.status, 0, `gen-proto --check passes${r.status ? `: ${r.stderr}` : ''}`);
  t.end();
});
