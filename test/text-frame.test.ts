import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import WebSocket, { WebSocketServer } from 'ws';
import { textFrame } from '../src/core/http/shared-subscriptions';

// Every length form of RFC 6455 (7-bit, 16-bit, 64-bit), at and around each boundary.
const LENGTHS = [0, 1, 125, 126, 127, 65535, 65536, 70000];

it('writes frames a real ws client reads as the same text messages, at every length form', async () => {
  const server = http.createServer();
  const wss = new WebSocketServer({ noServer: true });
  const raw = new Promise<Duplex>((resolve) => {
    server.on('upgrade', (req, socket, head) => {
      wss.handleUpgrade(req, socket, head, () => resolve(socket));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const client = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`);
  const received: Array<{ text: string; binary: boolean }> = [];
  const all = new Promise<void>((resolve) => {
    client.on('message', (data, binary) => {
      received.push({ text: (data as Buffer).toString('utf8'), binary });
      if (received.length === LENGTHS.length + 1) resolve();
    });
  });
  await new Promise((resolve) => client.once('open', resolve));
  const socket = await raw;
  // Exact byte lengths (ASCII), and one of multi-byte characters: the length counts bytes.
  const messages = [
    ...LENGTHS.map((n, i) => String(i).padEnd(n, 'x').slice(0, n)),
    'é'.repeat(100),
  ];
  for (const message of messages) socket.write(textFrame(Buffer.from(message)));
  await all;
  expect(received).toEqual(messages.map((text) => ({ text, binary: false })));
  client.close();
  wss.close();
  await new Promise((resolve) => server.close(resolve));
});

it('uses the shortest length form (RFC 6455 requires the minimal number of bytes)', () => {
  const headerOf = (n: number) => textFrame(Buffer.alloc(n)).length - n;
  expect(LENGTHS.map(headerOf)).toEqual([2, 2, 2, 4, 4, 4, 10, 10]);
  expect([...textFrame(Buffer.from('hi'))]).toEqual([0x81, 2, 0x68, 0x69]);
});
