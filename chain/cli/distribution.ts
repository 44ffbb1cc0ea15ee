// `aichain tx distribution …` and `aichain query distribution …`: withdraw rewards and commission, read them.
import { QueryClient } from '@cosmjs/stargate';
import { connectComet } from '@cosmjs/tendermint-rpc';
import { setupAichainDistributionExtension } from '../client/index.js';
import { nodeUrl, parse, UsageError } from './args.js';
import { print } from './output.js';
import { broadcast, signerAddress, txFlags } from './broadcast.js';

const TYPE = '/aichain.distribution.v1.';
const TX_USAGE =
  'usage: aichain tx distribution withdraw-rewards TARGET --from KEY | withdraw-commission --from KEY [--provider] '
  + '(the validator operator; with --provider, the commission earned as a compute provider)\n(TARGET: aivaloper1… or aiprov1…)';
const QUERY_USAGE =
  'usage: aichain query distribution rewards DELEGATOR TARGET | outstanding TARGET | commission TARGET | community-pool | params '
  + '(TARGET: aivaloper1… or aiprov1…)';

export async function distributionTx(argv: string[]): Promise<void> {
  const { values, positionals } = parse(argv, { ...txFlags, from: { type: 'string' }, provider: { type: 'boolean' } });
  const [action, val] = positionals;
  if (!values.from) throw new UsageError(TX_USAGE);
  const me = await signerAddress(values, values.from);
  if (action === 'withdraw-rewards' && val) {
    await broadcast(values, values.from, [
      { typeUrl: `${TYPE}MsgWithdrawRewards`, value: { delegatorAddress: me, validatorAddress: val } },
    ]);
  } else if (action === 'withdraw-commission') {
    await broadcast(values, values.from, [
      { typeUrl: `${TYPE}MsgWithdrawCommission`, value: { operator: me, provider: values.provider ?? false } },
    ]);
  } else {
    throw new UsageError(TX_USAGE);
  }
}

export async function distributionQuery(argv: string[]): Promise<void> {
  const { values, positionals } = parse(argv, {});
  const [what, a1, a2] = positionals;
  const comet = await connectComet(nodeUrl(values.node));
  const q = QueryClient.withExtensions(comet, setupAichainDistributionExtension).aichainDistribution;
  try {
    let answer: unknown;
    if (what === 'rewards' && a1 && a2) answer = await q.delegationRewards(a1, a2);
    else if (what === 'outstanding' && a1) answer = await q.validatorOutstandingRewards(a1);
    else if (what === 'commission' && a1) answer = await q.validatorCommission(a1);
    else if (what === 'community-pool') answer = await q.communityPool();
    else if (what === 'params') answer = await q.params();
    else throw new UsageError(QUERY_USAGE);
    print(answer, values.output);
  } finally {
    comet.disconnect();
  }
}
