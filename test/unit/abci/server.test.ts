import test from 'tape';
import { parseListenAddr, ListenAddrError } from '../../../chain/abci/server.js';

test('parseListenAddr reads CometBFT-style addresses', (t) => {
  t.deepEqual(parseListenAddr('tcp://127.0.0.1:26658'), { protocol: 'tcp', host: '127.0.0.1', port: 26658 });
  t.deepEqual(
    parseListenAddr('TCP://localhost:0'),
    { protocol: 'tcp', host: 'localhost', port: 0 },
    'scheme is case-blind',
  );
  t.deepEqual(
    parseListenAddr('127.0.0.1:26658'),
    { protocol: 'tcp', host: '127.0.0.1', port: 26658 },
    'no scheme means tcp',
  );
  t.deepEqual(
    parseListenAddr('tcp://:26658'),
    { protocol: 'tcp', host: '0.0.0.0', port: 26658 },
    'empty host = all interfaces',
  );
  t.deepEqual(parseListenAddr('tcp://[::1]:26658'), { protocol: 'tcp', host: '::1', port: 26658 }, 'bracketed IPv6');
  t.deepEqual(parseListenAddr('unix:///tmp/app.sock'), { protocol: 'unix', path: '/tmp/app.sock' });
  t.deepEqual(parseListenAddr('unix://app.sock'), { protocol: 'unix', path: 'app.sock' }, 'relative socket path');
  t.end();
});

test('parseListenAddr rejects bad addresses with a coded error', (t) => {
  for (const bad of [
    '',
    'tcp://',
    'tcp://127.0.0.1',
    'tcp://127.0.0.1:',
    'tcp://127.0.0.1:65536',
    'tcp://h:12x',
    'http://127.0.0.1:26658',
    'unix://',
    'tcp://::1:26658',
    'grpc://127.0.0.1:9090',
  ]) {
    try {
      parseListenAddr(bad);
      t.fail(`${JSON.stringify(bad)} was accepted`);
    } catch (e) {
      t.ok(
        e instanceof ListenAddrError && e.code === 'BAD_LISTEN_ADDR',
        `${JSON.stringify(bad)} rejected: ${(e as Error).message}`,
      );
    }
  }
  t.end();
});
