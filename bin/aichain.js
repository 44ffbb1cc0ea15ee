#!/usr/bin/env node
// The aichain executable: TypeScript sources run through tsx's loader (registered here, so `npx aichain` works).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../chain/cli/main.ts');
await main(process.argv.slice(2));
