// Proposal files: a draft lists every field of each message with the gov authority filled in; a filled-in file
// (snake_case or camelCase fields) encodes each message through the chain's registry; mistakes are usage errors.
import test from 'tape';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { aichainRegistry } from '../../../chain/client/index.js';
import { draftProposal, readProposalFile } from '../../../chain/cli/gov-proposal.js';
import { MsgUpdateParams } from '../../../proto/gen/aichain/tasks/v1/tx.js';
import { MsgCommunityPoolSpend } from 'cosmjs-types/cosmos/distribution/v1beta1/tx';

const AUTH = 'ai10d07y265gmmuvt4z0w9aw880jnsr700juts32n';

test('cli gov proposal files: draft, fill in, encode', (t) => {
  const reg = aichainRegistry();
  const dir = mkdtempSync(join(tmpdir(), 'aichain-gov-cli-'));
  const draft = draftProposal(
    reg,
    ['/aichain.tasks.v1.MsgUpdateParams', '/cosmos.distribution.v1beta1.MsgCommunityPoolSpend'],
    AUTH,
  ) as {
    messages: Array<Record<string, any>>;
  };
  t.equal(draft.messages[0]['@type'], '/aichain.tasks.v1.MsgUpdateParams', 'the draft names each message type');
  t.equal(draft.messages[0].authority, AUTH, 'with the gov authority filled in');
  t.equal(draft.messages[1].recipient, '', 'and every other field at its default (snake_case)');
  draft.messages[0].params = { claim_timeout_blocks: '33', provider_share: '0.8' };
  draft.messages[1] = { ...draft.messages[1], recipient: AUTH, amount: [{ denom: 'uaic', amount: '5' }] };
  const file = join(dir, 'p.json');
  writeFileSync(file, JSON.stringify({ ...draft, title: 't', summary: 's', deposit: '10000000uaic' }));
  const p = readProposalFile(reg, file);
  t.equal(p.messages.length, 2, 'two messages');
  const m0 = MsgUpdateParams.decode(p.messages[0].value);
  t.equal(m0.params?.claimTimeoutBlocks, 33n, 'snake_case fields reach the message');
  t.equal(MsgCommunityPoolSpend.decode(p.messages[1].value).amount[0].amount, '5', 'a standard cosmos message too');
  t.deepEqual(p.deposit, [{ denom: 'uaic', amount: '10000000' }], 'the deposit string is parsed');
  const bad = (json: unknown, re: RegExp, what: string) => {
    writeFileSync(file, JSON.stringify(json));
    t.throws(() => readProposalFile(reg, file), re, what);
  };
  bad({ messages: [{ '@type': '/x.y.MsgZ' }] }, /unknown message type/, 'an unknown type');
  bad({ messages: [{ authority: AUTH }] }, /"@type"/, 'a message without @type');
  bad({ title: 't', colour: 'red' }, /unknown field "colour"/, 'an unknown top-level field');
  t.end();
});
