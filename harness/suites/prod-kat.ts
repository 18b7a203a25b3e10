// secnet wire codec known answers: every message form the PROD model uses, and every
// malformed form a parser must turn into a verdict.
import { toHex, utf8 } from '../util/bytes.ts';
import { KatRecorder } from '../vectors/record.ts';
import { katFile } from '../vectors/file.ts';
import type { JsonObject } from '../../adapters/ops/types.ts';
import type { SuiteDef } from './types.ts';

const hex = (s: string) => toHex(utf8(s));
const name = (s: string, extra = '') => ({ name: hex(s), extra });

export const prodKat: SuiteDef = {
  name: 'prod-kat',
  mechanism: 'prod',
  kind: 'kat',
  description: 'secnet wire codec: header, labels, names with extra data, PROD/NAK/MSG0-MSG6 forms and malformed packets',
  build(rng) {
    const rec = new KatRecorder();
    const nonce = () => toHex(rng.bytes(8));
    const A = name('alpha');
    const B = name('bravo');
    const messages: [JsonObject, string, string[]][] = [
      [{ label: 'PROD', dest: 0, source: 0, sender: A, receiver: B }, 'PROD from alpha to bravo', ['PROD-001', 'PROD-002']],
      [{ label: 'PROD', dest: 0, source: 0, sender: name('alpha', '00000000'), receiver: B }, 'PROD whose sender name carries a capabilities word', ['PROD-002', 'PROD-003']],
      [{ label: 'PROD', dest: 0, source: 0, sender: name('a.example.org'), receiver: name('b', 'ff') }, 'PROD with receiver extra data (ignored)', ['PROD-002', 'PROD-003']],
      [{ label: 'NAK', dest: 1, source: 7, body: '' }, 'NAK: header only, label 0', ['PROD-001']],
      [{ label: 'MSG0', dest: 7, source: 1, payload: toHex(rng.bytes(24)) }, 'MSG0: opaque transformed payload', ['PROD-001']],
      [{ label: 'MSG1', dest: 0, source: 1, sender: A, receiver: B, nSender: nonce() }, 'MSG1: dest 0, sender nonce', ['PROD-001', 'PROD-021']],
      [{ label: 'MSG2', dest: 1, source: 7, sender: name('bravo', '00000300'), receiver: A, nSender: nonce(), nReceiver: nonce() }, 'MSG2 with capabilities', ['PROD-001', 'PROD-003']],
      [{ label: 'MSG3', dest: 7, source: 1, sender: name('alpha', '0000030005dc'), receiver: B, nSender: nonce(), nReceiver: nonce(), pk: toHex(rng.bytes(16)), sig: '' }, 'MSG3 with capabilities and MTU', ['PROD-001', 'PROD-003']],
      [{ label: 'MSG4', dest: 1, source: 7, sender: name('bravo', '00000300'), receiver: A, nSender: nonce(), nReceiver: nonce(), pk: toHex(rng.bytes(16)), sig: toHex(rng.bytes(8)) }, 'MSG4 with capabilities, no MTU', ['PROD-001', 'PROD-003']],
      [{ label: 'MSG5', dest: 7, source: 1, payload: toHex(rng.bytes(20)) }, 'MSG5: opaque payload', ['PROD-001']],
      [{ label: 'MSG6', dest: 1, source: 7, payload: toHex(rng.bytes(20)) }, 'MSG6: opaque payload', ['PROD-001']],
    ];
    const enc = rec.group('ProdEncode', 'prod.encode');
    const dec = rec.group('ProdDecode', 'prod.decode');
    const packets: Record<string, string> = {};
    for (const [message, comment, reqs] of messages) {
      const packet = String(enc({ message }, { comment, reqs }).packet);
      packets[comment] = packet;
      dec({ packet }, { comment: `decode: ${comment}`, reqs });
    }

    const prod = packets['PROD from alpha to bravo'];
    const msg3 = packets['MSG3 with capabilities and MTU'];
    const hdr = (dest: string, source: string, label: string) => dest + source + label;
    const bad: [string, string, string, string[]][] = [
      ['', 'empty packet', 'TruncatedHeader', ['PROD-001']],
      [prod.slice(0, 22), '11 bytes: shorter than the header', 'TruncatedHeader', ['PROD-001']],
      [hdr('00000000', '00000000', '0b0b0b0b') + '0000', 'unknown label', 'UnknownLabel', ['PROD-001']],
      [prod.slice(0, 26), 'PROD cut inside the first name length', 'Truncated', ['PROD-004']],
      [prod.slice(0, 24 + 4 + 6), 'PROD cut inside the first name', 'NamePastEnd', ['PROD-004']],
      [prod.slice(0, 24 + 14), 'PROD without its second name', 'Truncated', ['PROD-004']],
      [prod.slice(0, prod.length - 2), 'PROD second name cut short', 'NamePastEnd', ['PROD-004']],
      [hdr('00000000', '00000000', '0a0a0a0a') + 'ffff' + hex('alpha'), 'PROD first name length 65535', 'NamePastEnd', ['PROD-004']],
      [prod + '00', 'PROD with one trailing byte', 'TrailingBytes', ['PROD-004']],
      [prod + '0000', 'PROD with an empty third name after it', 'TrailingBytes', ['PROD-004']],
      [hdr('00000000', '00000000', '0a0a0a0a') + '0008' + hex('alpha') + '00' + 'abcd' + '0005' + hex('bravo'), 'PROD sender extra data of 2 bytes (capabilities need 4)', 'ExtraTooShort', ['PROD-003', 'PROD-004']],
      [hdr('00000000', '00000000', '0a0a0a0a') + '0007' + hex('alpha') + '00' + 'ab' + '0005' + hex('bravo'), 'PROD sender extra data of 1 byte', 'ExtraTooShort', ['PROD-003', 'PROD-004']],
      [msg3.slice(0, 24) + '000b' + hex('alpha') + '00' + '00000300' + 'aa' + msg3.slice(24 + 28), 'MSG3 sender extra data: capabilities and 1 byte of MTU', 'ExtraTooShort', ['PROD-003']],
      [packets['MSG1: dest 0, sender nonce'].slice(0, -2), 'MSG1 nonce cut short', 'Truncated', ['PROD-021']],
      [msg3.slice(0, -4), 'MSG3 pk/sig cut short', 'Truncated', ['PROD-003']],
    ];
    for (const [packet, comment, flag, reqs] of bad) dec({ packet }, { comment, flags: [flag], reqs, result: 'invalid' });
    dec({ packet: hdr('00000000', '00000000', '0a0a0a0a') + '0006' + hex('alpha') + '00' + '0005' + hex('bravo') }, { comment: 'PROD sender name ending in NUL with no extra data: the name is "alpha"', flags: ['EmptyExtra'], reqs: ['PROD-003'] });

    return katFile(
      {
        suite: 'prod-kat',
        mechanism: 'prod',
        seed: rng.seed,
        profile: { name: 'secnet-wire' },
        header: [
          'secnet wire forms (ewxrjk/secnet magic.h, site.c): 12-byte header dest|source|label (u32 big-endian), names as u16 length + bytes.',
          'Names and opaque fields are lowercase hex. MSG3/MSG4 pk and sig, and the MSG0/MSG5/MSG6 payloads, are opaque to this codec.',
        ],
        notes: {
          TruncatedHeader: { bugType: 'MALFORMED', description: 'Fewer than 12 bytes: no header.' },
          UnknownLabel: { bugType: 'MALFORMED', description: 'A label none of NAK, MSG0-MSG6, PROD.' },
          Truncated: { bugType: 'MALFORMED', description: 'A length field, nonce or string runs past the end.' },
          NamePastEnd: { bugType: 'MALFORMED', description: 'A name length runs past the end of the packet.' },
          TrailingBytes: { bugType: 'MALFORMED', description: 'Bytes left after the last field (secnet CHECK_EMPTY).' },
          ExtraTooShort: { bugType: 'MALFORMED', description: 'Sender extra data present but shorter than the capabilities word (or MTU).' },
          EmptyExtra: { bugType: 'EDGE_CASE', description: 'A NUL ends the name; nothing follows it.' },
        },
      },
      rec.groups,
    );
  },
};
