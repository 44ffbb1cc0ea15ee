import test from 'tape';
import { CodedError } from '../../../../chain/types/errors.js';
import { parseAddress, PROVIDER_PREFIX, toAddress, VALOPER_PREFIX } from '../../../../chain/types/address.js';
import {
  isProviderId,
  operatorOf,
  parseTarget,
  providerId,
  targetAddress,
} from '../../../../modules/staking/target.js';

const op = Uint8Array.from({ length: 20 }, (_, i) => i + 1);
const codeOf = (f: () => unknown) => {
  try {
    f();
    return 'no error';
  } catch (e) {
    return e instanceof CodedError ? `${e.codespace}:${e.code}` : `crash: ${(e as Error).message}`;
  }
};

test('staking targets: one operator can run a validator and a provider under distinct ids and addresses', (t) => {
  const val = parseTarget(toAddress(op, VALOPER_PREFIX));
  const prov = parseTarget(toAddress(op, PROVIDER_PREFIX));
  t.deepEqual([...val], [...op], 'a validator id is its operator bytes');
  t.deepEqual([val.length, prov.length, prov[0]], [20, 21, 0x70], 'a provider id is 0x70 then the operator bytes');
  t.notOk(isProviderId(val), 'a 20-byte id is never a provider');
  t.ok(isProviderId(prov), 'the tagged id is a provider');
  t.deepEqual([...operatorOf(prov)], [...op], 'both lead back to the same operator');
  t.equal(targetAddress(prov), toAddress(op, PROVIDER_PREFIX), 'a provider id prints as aiprov1…');
  t.equal(targetAddress(val), toAddress(op, VALOPER_PREFIX), 'a validator id prints as aivaloper1…');
  t.deepEqual([...providerId(op)], [...prov], 'providerId builds the same id');
  const op32 = new Uint8Array(32).fill(0x70);
  t.ok(
    isProviderId(providerId(op32)) && !isProviderId(op32),
    'a 32-byte account starting with 0x70 is no provider id; its provider id is',
  );
  t.end();
});

test('staking targets: other prefixes and malformed strings are coded invalid-address errors', (t) => {
  t.equal(
    codeOf(() => parseTarget(toAddress(op))),
    'sdk:7',
    'an account address is not a target',
  );
  t.equal(
    codeOf(() => parseTarget('aiprov1xyz')),
    'sdk:7',
    'a broken bech32 string',
  );
  t.equal(
    codeOf(() => parseTarget('')),
    'sdk:7',
    'an empty string',
  );
  t.equal(
    codeOf(() => parseTarget(toAddress(new Uint8Array(5), PROVIDER_PREFIX))),
    'sdk:7',
    'a provider address of the wrong length',
  );
  t.deepEqual(
    [...parseAddress(toAddress(op, PROVIDER_PREFIX), PROVIDER_PREFIX)],
    [...op],
    'aiprov decodes with its own prefix',
  );
  t.end();
});
