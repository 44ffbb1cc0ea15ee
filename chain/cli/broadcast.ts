// Signing and broadcasting for every `aichain tx …` command: the key from the home's keyring, the chain's registry
// and gas price, fee "auto" (Simulate) unless --fees/--gas say otherwise, and one printed result.
import type { EncodeObject } from '@cosmjs/proto-signing';
import { parseCoins, type DeliverTxResponse, type StdFee } from '@cosmjs/stargate';
import { resolveHome } from '../home/index.js';
import { getWallet } from '../home/keyring.js';
import { connectAichainSigner } from '../client/index.js';
import { nodeUrl } from './args.js';
import { print } from './output.js';

export const txFlags = {
  fees: { type: 'string' }, gas: { type: 'string' }, memo: { type: 'string' },
} as const;

export interface TxFlagValues { home?: string; node?: string; output?: string; fees?: string; gas?: string; memo?: string }

export function feeFrom(values: TxFlagValues): StdFee | 'auto' | number {
  if (values.fees) return { amount: parseCoins(values.fees), gas: values.gas && values.gas !== 'auto' ? values.gas : '200000' };
  return values.gas && values.gas !== 'auto' ? Number(values.gas) : 'auto';
}

/** The signer's address for key `from`. */
export async function signerAddress(values: TxFlagValues, from: string): Promise<string> {
  const [{ address }] = await (await getWallet(resolveHome(values.home), from)).getAccounts();
  return address;
}

/** Signs `msgs` with key `from`, broadcasts, waits for inclusion, prints the result (plus `extra`), sets the exit code. */
export async function broadcast(values: TxFlagValues, from: string, msgs: EncodeObject[], extra: Record<string, unknown> = {}): Promise<DeliverTxResponse> {
  const wallet = await getWallet(resolveHome(values.home), from);
  const [{ address }] = await wallet.getAccounts();
  const client = await connectAichainSigner(nodeUrl(values.node), wallet);
  try {
    const res = await client.signAndBroadcast(address, msgs, feeFrom(values), values.memo);
    print({ code: res.code, txhash: res.transactionHash, height: res.height, gas_used: res.gasUsed, gas_wanted: res.gasWanted, raw_log: res.rawLog ?? '', ...extra },
      values.output, (r) => `${r.code === 0 ? 'ok' : `failed (code ${r.code}: ${r.raw_log})`}${Object.values(extra).length ? ` ${Object.values(extra).join(' ')}` : ''} txhash ${r.txhash} height ${r.height} gas ${r.gas_used}/${r.gas_wanted}`);
    if (res.code !== 0) process.exitCode = 1;
    return res;
  } finally {
    client.disconnect();
  }
}
