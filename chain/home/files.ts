// Small file helpers: atomic writes (a crash never leaves half a key file) and JSON reads with coded errors.
import { readFile, rename, writeFile, chmod } from 'node:fs/promises';
import { HomeError } from './errors.js';

export async function writeFileAtomic(path: string, text: string, mode = 0o644): Promise<void> {
  const tmp = `${path}.tmp-${process.pid}`;
  await writeFile(tmp, text, { mode });
  await chmod(tmp, mode); // writeFile's mode is filtered by the umask
  await rename(tmp, path);
}

export async function writeJson(path: string, value: unknown, mode = 0o644): Promise<void> {
  await writeFileAtomic(path, JSON.stringify(value, null, 2) + '\n', mode);
}

export async function readJson(path: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT')
      throw new HomeError('FILE_MISSING', `${what} not found: ${path}`, path);
    throw err; // permissions, I/O: a broken local environment, not bad input
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new HomeError('FILE_CORRUPT', `${what} is not valid JSON (${(err as Error).message}): ${path}`, path);
  }
}

export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
