// IUT listening on TCP or a Unix socket; the harness connects.
import { connect, type Socket } from 'node:net';
import { StreamClient, type ClientOptions, type StreamPair } from './stream-client.ts';

export type SocketAddress = { host: string; port: number } | { path: string };

export class SocketClient extends StreamClient {
  private sock: Socket | undefined;

  constructor(spec: string, private readonly addr: SocketAddress, opts: ClientOptions) {
    super(spec, opts);
  }

  protected open(): Promise<StreamPair> {
    return new Promise((resolve, reject) => {
      const s = connect(this.addr as never);
      this.sock = s;
      s.setNoDelay?.(true);
      s.once('error', reject);
      s.once('connect', () => {
        s.off('error', reject);
        resolve({ input: s, output: s });
      });
    });
  }

  protected async kill(): Promise<void> {
    this.sock?.destroy();
    this.sock = undefined;
  }
}
