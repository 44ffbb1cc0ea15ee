// `aichain keys add|list|show|import|delete` over the home's test keyring (unencrypted; see chain/home/keyring.ts).
import { addKey, deleteKey, importKey, listKeys, showKey } from '../home/keyring.js';
import { resolveHome } from '../home/index.js';
import { parse, UsageError } from './args.js';
import { print } from './output.js';

export async function keys(argv: string[]): Promise<void> {
  const { values, positionals } = parse(argv, {
    recover: { type: 'boolean' },
    mnemonic: { type: 'string' },
    'hd-path': { type: 'string' },
    overwrite: { type: 'boolean' },
  });
  const home = resolveHome(values.home);
  const [sub, name, ...rest] = positionals;
  const line = (k: { name: string; address: string }) => `${k.name}\t${k.address}`;
  switch (sub) {
    case 'add': {
      if (!name) throw new UsageError('usage: aichain keys add NAME [--mnemonic "…"] [--hd-path PATH]');
      const r = await addKey(home, name, {
        mnemonic: values.mnemonic,
        hdPath: values['hd-path'],
        overwrite: values.overwrite,
      });
      print(
        { ...r.key, mnemonic: values.mnemonic ? undefined : r.mnemonic },
        values.output,
        (v) =>
          `${line(v)}${v.mnemonic ? `\n\nWrite this mnemonic down; it is the only way to recover the key:\n${v.mnemonic}` : ''}`,
      );
      return;
    }
    case 'import': {
      const mnemonic = values.mnemonic ?? rest.join(' ');
      if (!name || !mnemonic) throw new UsageError('usage: aichain keys import NAME --mnemonic "24 words"');
      print(
        await importKey(home, name, mnemonic, { hdPath: values['hd-path'], overwrite: values.overwrite }),
        values.output,
        line,
      );
      return;
    }
    case 'list':
      print(
        await listKeys(home),
        values.output,
        (ks: Array<{ name: string; address: string }>) => ks.map(line).join('\n') || '(no keys)',
      );
      return;
    case 'show':
      if (!name) throw new UsageError('usage: aichain keys show NAME');
      print(await showKey(home, name), values.output, (k) => k.address);
      return;
    case 'delete':
      if (!name) throw new UsageError('usage: aichain keys delete NAME');
      await deleteKey(home, name);
      print({ deleted: name }, values.output, () => `deleted ${name}`);
      return;
    default:
      throw new UsageError('usage: aichain keys add|import|list|show|delete …');
  }
}
