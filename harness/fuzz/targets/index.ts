// Every out-of-process fuzz target, by name.
import type { OopTarget } from '../types.ts';
import { epochRecv } from './epoch-recv.ts';
import { keyrotOpen } from './keyrot-open.ts';
import { oapClient } from './oap-client.ts';
import { oapDecode } from './oap-decode.ts';
import { oapServer } from './oap-server.ts';
import { prodParse } from './prod-parse.ts';
import { pspDecrypt } from './psp-decrypt.ts';
import { pspRx } from './psp-rx.ts';

export const OOP_TARGETS: readonly OopTarget[] = [keyrotOpen, epochRecv, oapDecode, oapServer, oapClient, pspDecrypt, pspRx, prodParse];

export function targetByName(name: string): OopTarget | undefined {
  return OOP_TARGETS.find((t) => t.name === name);
}
