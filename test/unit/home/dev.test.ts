import test from 'tape';
import { Bip39, EnglishMnemonic, Slip10, Slip10Curve } from '@cosmjs/crypto';
import { DirectSecp256k1HdWallet, makeCosmoshubPath } from '@cosmjs/proto-signing';
import {
  DEV_ADDRESSES,
  DEV_MNEMONIC,
  DEV_VALIDATOR_PATH,
  bip39SeedSync,
  deriveDevValidatorSeed,
  devValidatorKey,
} from '../../../chain/home/dev.js';
import { ed25519PubFromSeed } from '../../../native/ed25519.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

test('dev mnemonic: accounts 0–4 are the five addresses in DESIGN §1', async (t) => {
  const design = [
    'ai1pq9pdy5yklnx9n0uqn02552sv9d73gk8qhpxmc',
    'ai1nflel60cx5fvha4ws4z2q0stwvsucm5wzk6yfp',
    'ai12a5csjlxjjcjwezesgzglj72wtyhpekw2fnlg9',
    'ai1g8z9rtleadyxlay3yzw6h2gwjguprj9gxwt73l',
    'ai1l0wj6pa82j2rskku60krf7d5dzdj7qr2fl5u84',
  ];
  t.deepEqual([...DEV_ADDRESSES], design, 'DEV_ADDRESSES is the DESIGN table');
  const wallet = await DirectSecp256k1HdWallet.fromMnemonic(DEV_MNEMONIC, {
    prefix: 'ai',
    hdPaths: [0, 1, 2, 3, 4].map((i) => makeCosmoshubPath(i)),
  });
  t.deepEqual(
    (await wallet.getAccounts()).map((a) => a.address),
    design,
    "makeCosmoshubPath(0..4), prefix 'ai'",
  );
  t.end();
});

test('dev validator seed: SLIP-10 ed25519 of the BIP39 seed, deterministic', async (t) => {
  const asyncSeed = await Bip39.mnemonicToSeed(new EnglishMnemonic(DEV_MNEMONIC));
  t.equal(hex(bip39SeedSync(DEV_MNEMONIC)), hex(asyncSeed), 'sync BIP39 seed equals CosmJS');
  t.equal(hex(bip39SeedSync(`  ${DEV_MNEMONIC.replace(/ /g, '\n ')} `)), hex(asyncSeed), 'whitespace is normalised');
  const seed = deriveDevValidatorSeed(DEV_MNEMONIC);
  t.equal(seed.length, 32, '32-byte ed25519 seed');
  t.equal(
    hex(seed),
    hex(Slip10.derivePath(Slip10Curve.Ed25519, asyncSeed, DEV_VALIDATOR_PATH).privkey),
    'equals SLIP-10 via CosmJS',
  );
  t.equal(hex(deriveDevValidatorSeed(DEV_MNEMONIC)), hex(seed), 'same seed every time');
  const key = devValidatorKey();
  t.equal(hex(key.pubKey), hex(ed25519PubFromSeed(seed)), 'devValidatorKey carries its pubkey');
  // Pinned: the committed dev genesis.json names this validator.
  t.equal(key.addressHex, '13DB5AA63B5A681141A2720F32B003F287EA584F', 'dev validator address');
  t.equal(
    Buffer.from(key.pubKey).toString('base64'),
    '3O2eBr28u9y7k491LOzpfE8ogwYyqFOap4lMz6eCCUI=',
    'dev validator pubkey',
  );
  t.throws(() => deriveDevValidatorSeed('boss voyage spider'), /invalid mnemonic/, 'a bad mnemonic is a coded error');
  t.end();
});
