import test from 'tape';
import { readFileSync } from 'node:fs';
import { CanonicalVoteExtension, voteExtensionSignBytes } from '../../../proto/vote-extension.js';
import { ed25519PubFromSeed, ed25519Sign, ed25519Verify } from '../../../native/ed25519.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

test('vote extension: encoding matches the PROTOCOL.md vector', (t) => {
  const body = CanonicalVoteExtension.encode({
    extension: new Uint8Array(0),
    height: 10n,
    round: 0n,
    chainId: 'c',
  }).finish();
  t.equal(hex(body), '110a000000000000002201' + '63', 'body: 11 0a00000000000000 22 01 63');
  t.equal(hex(voteExtensionSignBytes(new Uint8Array(0), 10n, 0n, 'c')), '0c' + hex(body), 'sign bytes: 0c ‖ body');
  t.equal(hex(voteExtensionSignBytes(new Uint8Array(0), 10, 0, 'c')), '0c' + hex(body), 'numbers work like bigints');
  t.end();
});

test('vote extension: every field is encoded, and round-trips', (t) => {
  const msg = { extension: Uint8Array.from([1, 2, 3]), height: 300n, round: 1n, chainId: 'aichain-dev-1' };
  const body = CanonicalVoteExtension.encode(msg).finish();
  t.equal(
    hex(body),
    '0a03010203'
      + '112c01000000000000'
      + '190100000000000000'
      + '220d'
      + hex(new TextEncoder().encode('aichain-dev-1')),
    'extension (bytes), height and round (little-endian sfixed64), chain id',
  );
  t.deepEqual(CanonicalVoteExtension.decode(body), msg, 'decodes back');
  const signBytes = voteExtensionSignBytes(msg.extension, msg.height, msg.round, msg.chainId);
  t.equal(signBytes[0], body.length, 'length prefix');
  const long = voteExtensionSignBytes(new Uint8Array(200), 1n, 0n, 'c');
  t.equal(hex(long.subarray(0, 2)), 'd701', 'bodies ≥ 128 bytes get a two-byte uvarint prefix (215 = d7 01)');
  t.end();
});

test('vote extension: a signature over the sign bytes verifies only for the same round', (t) => {
  const seed = new Uint8Array(32).fill(7);
  const pub = ed25519PubFromSeed(seed);
  const ext = Uint8Array.from([9, 9]);
  const sig = ed25519Sign(seed, voteExtensionSignBytes(ext, 5n, 1n, 'aichain-dev-1'));
  t.ok(ed25519Verify(pub, voteExtensionSignBytes(ext, 5n, 1n, 'aichain-dev-1'), sig), 'verifies');
  t.notOk(ed25519Verify(pub, voteExtensionSignBytes(ext, 5n, 0n, 'aichain-dev-1'), sig), 'another round fails');
  t.notOk(ed25519Verify(pub, voteExtensionSignBytes(ext, 5n, 1n, 'other'), sig), 'another chain fails');
  t.end();
});

test('vote extension: sign bytes verify the signatures CometBFT 0.38.25 recorded (four-validators)', (t) => {
  const dir = new URL('../../fixtures/cometbft-0.38.25/', import.meta.url);
  const validators: Array<{ address: string; pub_key: string }> = JSON.parse(
    readFileSync(new URL('four-validators/validators.json', dir), 'utf8'),
  );
  const pubByAddr = new Map(validators.map((v) => [v.address, Buffer.from(v.pub_key, 'base64')]));
  const lines = readFileSync(new URL('abci/four-validators/consensus.requests.jsonl', dir), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
  const chainId: string = lines.find((l) => l.method === 'InitChain').msg.chainId;
  let checked = 0;
  for (const { method, msg } of lines) {
    if (method !== 'PrepareProposal') continue;
    for (const v of msg.localLastCommit.votes) {
      if (!v.extensionSignature) continue;
      const addr = Buffer.from(v.validator.address, 'base64').toString('hex').toUpperCase();
      const signBytes = voteExtensionSignBytes(
        Buffer.from(v.voteExtension ?? '', 'base64'),
        BigInt(msg.height) - 1n,
        msg.localLastCommit.round,
        chainId,
      );
      const ok = ed25519Verify(pubByAddr.get(addr)!, signBytes, Buffer.from(v.extensionSignature, 'base64'));
      if (!ok) t.fail(`height ${msg.height} validator ${addr}`);
      checked++;
    }
  }
  t.ok(checked >= 10, `checked ${checked} recorded extension signatures`);
  t.end();
});
