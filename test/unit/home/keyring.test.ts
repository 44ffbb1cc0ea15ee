import test from 'tape';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sha256 } from '@noble/hashes/sha2.js';
import { SignDoc } from 'cosmjs-types/cosmos/tx/v1beta1/tx';
import {
  addKey,
  deleteKey,
  exportKey,
  getWallet,
  importKey,
  listKeys,
  showKey,
  HomeError,
  DEV_ADDRESSES,
  DEV_MNEMONIC,
  type HomeErrorCode,
} from '../../../chain/home/index.js';
import { createVerifier } from '../../../native/secp256k1.js';

async function withTmp(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'aichain-keyring-test-'));
  try {
    await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function rejectsWith(t: test.Test, p: Promise<unknown>, code: HomeErrorCode, msg: string): Promise<void> {
  try {
    await p;
    t.fail(`${msg}: expected ${code}`);
  } catch (err) {
    t.ok(
      err instanceof HomeError && err.code === code,
      `${msg} (${code}${err instanceof HomeError ? '' : `, got ${err}`})`,
    );
  }
}

test('keyring: import the dev mnemonic, list, show, export, delete', async (t) => {
  await withTmp(async (home) => {
    const alice = await importKey(home, 'alice', DEV_MNEMONIC);
    t.equal(alice.address, DEV_ADDRESSES[0], 'default HD path gives dev account 0');
    t.equal(alice.hdPath, "m/44'/118'/0'/0/0", 'default HD path');
    const bob = await importKey(home, 'bob', DEV_MNEMONIC, { hdPath: "m/44'/118'/0'/0/1" });
    t.equal(bob.address, DEV_ADDRESSES[1], 'account index 1');
    t.deepEqual(
      (await listKeys(home)).map((k) => k.name),
      ['alice', 'bob'],
      'listed by name',
    );
    t.deepEqual(await showKey(home, 'bob'), bob, 'show returns the stored info');
    t.equal((await exportKey(home, 'alice')).mnemonic, DEV_MNEMONIC, 'export returns the mnemonic');

    const file = join(home, 'keyring', 'alice.json');
    t.equal((await stat(file)).mode & 0o777, 0o600, 'key file is 0600');
    t.equal((await stat(join(home, 'keyring'))).mode & 0o777, 0o700, 'keyring dir is 0700');
    t.match(JSON.parse(await readFile(file, 'utf8')).warning, /UNENCRYPTED/, 'file says it is unencrypted');

    await rejectsWith(t, importKey(home, 'alice', DEV_MNEMONIC), 'KEY_EXISTS', 'duplicate name refused');
    await rejectsWith(t, importKey(home, '../evil', DEV_MNEMONIC), 'BAD_KEY_NAME', 'path traversal refused');
    await rejectsWith(
      t,
      importKey(home, 'x', DEV_MNEMONIC.replace('boss', 'bass')),
      'BAD_MNEMONIC',
      'bad checksum refused',
    );
    await rejectsWith(t, importKey(home, 'x', 'not a mnemonic'), 'BAD_MNEMONIC', 'not words refused');
    await rejectsWith(t, showKey(home, 'carol'), 'KEY_NOT_FOUND', 'unknown key');
    await deleteKey(home, 'bob');
    t.deepEqual(
      (await listKeys(home)).map((k) => k.name),
      ['alice'],
      'deleted',
    );
    await rejectsWith(t, deleteKey(home, 'bob'), 'KEY_NOT_FOUND', 'delete twice');
  });
  t.end();
});

test('keyring: addKey makes a fresh 24-word key whose wallet signs what native/ verifies', async (t) => {
  await withTmp(async (home) => {
    t.deepEqual(await listKeys(home), [], 'no keyring yet: empty list');
    const { key, mnemonic } = await addKey(home, 'fresh');
    t.equal(mnemonic.split(' ').length, 24, '24 words');
    t.match(key.address, /^ai1[0-9a-z]{38}$/, "bech32 with prefix 'ai'");
    t.notEqual((await addKey(home, 'fresh2')).mnemonic, mnemonic, 'each key is new');

    const wallet = await getWallet(home, 'fresh');
    const [account] = await wallet.getAccounts();
    t.equal(account.address, key.address, 'wallet address matches');
    const signDoc = SignDoc.fromPartial({
      bodyBytes: Uint8Array.from([1]),
      authInfoBytes: Uint8Array.from([2]),
      chainId: 'aichain-dev-1',
      accountNumber: 7n,
    });
    const { signature } = await wallet.signDirect(account.address, signDoc);
    const sig = Buffer.from(signature.signature, 'base64');
    const digest = sha256(SignDoc.encode(signDoc).finish());
    t.ok(createVerifier('native').verify(digest, sig, account.pubkey), 'libsecp256k1 verifies the wallet signature');
    t.ok(createVerifier('js').verify(digest, sig, account.pubkey), 'noble verifies it too');
  });
  t.end();
});
