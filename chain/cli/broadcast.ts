// Signing and broadcasting for every `aichain tx …` command: the key from the home's keyring, the chain's registry
// and gas price, fee "auto" (Simulate) unless --fees/--gas say otherwise, and one printed result.
import type { EncodeObject } from '@cosmjs/proto-signing';
import {
  BroadcastTxError,
  calculateFee,
  GasPrice,
  parseCoins,
  type DeliverTxResponse,
  type StdFee,
} from '@cosmjs/stargate';
import { resolveHome } from '../home/index.js';
import { getWallet } from '../home/keyring.js';
import { AICHAIN_DEV, connectAichainSigner } from '../client/index.js';
import { GAS_ADJUSTMENT, simulateGas, txCodespace, TxRefusedError } from '../client/simulate.js';
import { nodeUrl, UsageError } from './args.js';
import { print } from './output.js';

export { GAS_ADJUSTMENT, TxRefusedError };

export const txFlags = {
  fees: { type: 'string' },
  gas: { type: 'string' },
  memo: { type: 'string' },
} as const;

export interface TxFlagValues {
  home?: string;
  node?: string;
  output?: string;
  fees?: string;
  gas?: string;
  memo?: string;
}

/**
 * The fee for a tx: `--fees` as given (gas `--gas` or 200000); `--gas N` alone priced at the chain's gas price;
 * otherwise ("auto") the simulated gas × GAS_ADJUSTMENT, priced the same.
 */
export async function resolveFee(values: TxFlagValues, simulateGas: () => Promise<number>): Promise<StdFee> {
  if (values.fees)
    return { amount: parseCoins(values.fees), gas: values.gas && values.gas !== 'auto' ? values.gas : '200000' };
  const price = GasPrice.fromString(AICHAIN_DEV.gasPrice);
  if (values.gas && values.gas !== 'auto') {
    const gas = Number(values.gas);
    if (!Number.isSafeInteger(gas) || gas <= 0)
      throw new UsageError(`--gas must be a positive integer or auto, not ${JSON.stringify(values.gas)}`);
    return calculateFee(gas, price);
  }
  return calculateFee(Math.ceil((await simulateGas()) * GAS_ADJUSTMENT), price);
}

/** The signer's address for key `from`. */
export async function signerAddress(values: TxFlagValues, from: string): Promise<string> {
  const [{ address }] = await (await getWallet(resolveHome(values.home), from)).getAccounts();
  return address;
}

/** What a command adds once its tx succeeded (e.g. the id it created, or a wait for the outcome): fields for the
 *  JSON object and lines for the text output. A throw becomes an `error` field and exit code 1. */
export type AfterInclusion = (res: DeliverTxResponse) => Promise<{ fields: Record<string, unknown>; text: string }>;

/**
 * Signs `msgs` with key `from`, broadcasts, waits for inclusion, prints the result (plus `extra` and what `after`
 * adds), sets the exit code. A refusal (by simulation, CheckTx or in the block) prints the module's codespace and
 * code: on stdout as a JSON object with `--output json`, on stderr otherwise; the exit code is 1.
 */
export async function broadcast(
  values: TxFlagValues,
  from: string,
  msgs: EncodeObject[],
  extra: Record<string, unknown> = {},
  after?: AfterInclusion,
): Promise<DeliverTxResponse | undefined> {
  const wallet = await getWallet(resolveHome(values.home), from);
  const [{ address, pubkey }] = await wallet.getAccounts();
  const url = nodeUrl(values.node);
  const client = await connectAichainSigner(url, wallet);
  const memo = values.memo ?? '';
  try {
    const fee = await resolveFee(values, async () =>
      simulateGas(url, client.registry, pubkey, (await client.getSequence(address)).sequence, msgs, memo),
    );
    const res = await client.signAndBroadcast(address, msgs, fee, memo);
    const failed = res.code !== 0;
    let added = { fields: {} as Record<string, unknown>, text: '' };
    if (!failed && after) {
      added = await after(res).catch((e: Error) => ({ fields: { error: e.message }, text: `error: ${e.message}` }));
      if ('error' in added.fields) process.exitCode = 1;
    }
    print(
      {
        code: res.code,
        codespace: failed ? await txCodespace(url, res.transactionHash) : '',
        txhash: res.transactionHash,
        height: res.height,
        gas_used: res.gasUsed,
        gas_wanted: res.gasWanted,
        raw_log: res.rawLog ?? '',
        ...extra,
        ...added.fields,
      },
      values.output,
      (r) =>
        `${failed ? `failed (codespace ${r.codespace} code ${r.code}: ${r.raw_log})` : 'ok'}${Object.values(extra).length ? ` ${Object.values(extra).join(' ')}` : ''} txhash ${r.txhash} height ${r.height} gas ${r.gas_used}/${r.gas_wanted}`
        + (added.text ? `\n${added.text}` : ''),
    );
    if (failed) process.exitCode = 1;
    return res;
  } catch (e) {
    const refused =
      e instanceof TxRefusedError
        ? e
        : e instanceof BroadcastTxError
          ? new TxRefusedError(e.code, e.codespace, e.log ?? '', 'check_tx')
          : undefined;
    if (!refused) throw e;
    if (values.output === 'json')
      print(
        { error: { stage: refused.stage, code: refused.code, codespace: refused.codespace, log: refused.log } },
        'json',
      );
    process.stderr.write(`error: ${refused.message}\n`);
    process.exitCode = 1;
    return undefined;
  } finally {
    client.disconnect();
  }
}
