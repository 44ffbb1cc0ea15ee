// Printing results: JSON (--output json) or readable text.
const replacer = (_k: string, v: unknown) =>
  typeof v === 'bigint' ? v.toString() : v instanceof Uint8Array ? Buffer.from(v).toString('base64') : v;

export function print(value: unknown, output: string | undefined, text?: (v: any) => string): void {
  if (output === 'json' || !text)
    process.stdout.write(JSON.stringify(value, replacer, output === 'json' ? undefined : 2) + '\n');
  else process.stdout.write(text(value) + '\n');
}
