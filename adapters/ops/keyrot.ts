// Adapter ops for keyrot derivation and epoch grace (PROTOCOL.md "keyrot" and "epoch").
import { EpochEndpoint, type Role } from '../../harness/model/epoch/endpoint.ts';
import {
  KeyTree, KeyrotError, ProfileError, SEED_LEN, O7S_KEYROT_V1, makeNonce, makeProfile, openPacket, parseNonce, sealPacket, splitCounter,
  type Direction, type KeyrotProfile,
} from '../../harness/model/keyrot/index.ts';
import { enumArg, hexArg, intArg, objArg, optIntArg, toJson } from './args.ts';
import { OpError, S, type JsonObject, type JsonSchema, type OpDef } from './types.ts';

const PROFILE_KEYS = Object.keys(O7S_KEYROT_V1).filter((k) => k !== 'name');

/** Profile overrides an op may carry; an IUT that cannot follow them answers UNSUPPORTED. */
export const profileSchema: JsonSchema = {
  type: 'object',
  properties: Object.fromEntries(PROFILE_KEYS.map((k) => [k, { type: typeof (O7S_KEYROT_V1 as any)[k] === 'number' ? 'integer' : 'string' }])),
  additionalProperties: false,
};

function profileArg(args: JsonObject): KeyrotProfile {
  const o = objArg(args, 'profile');
  if (!o) return O7S_KEYROT_V1;
  for (const k of Object.keys(o)) if (!PROFILE_KEYS.includes(k)) throw new OpError('BAD_REQUEST', `profile.${k}: unknown parameter`);
  try {
    return makeProfile(o as Partial<KeyrotProfile>);
  } catch (e) {
    if (e instanceof ProfileError) throw new OpError('BAD_REQUEST', `profile: ${e.message}`);
    throw e;
  }
}

const dirArg = (args: JsonObject) => intArg(args, 'dir', 0, 1) as Direction;
const seedArg = (args: JsonObject) => hexArg(args, 'seed', SEED_LEN);

/** Counter outside the profile is an outcome, not a protocol error. */
function withCounter<R>(p: KeyrotProfile, ctr: number, f: () => R): R | { valid: false; reason: 'CTR_EXHAUSTED' } {
  try {
    splitCounter(p, ctr);
  } catch (e) {
    if (e instanceof KeyrotError) return { valid: false, reason: 'CTR_EXHAUSTED' };
    throw e;
  }
  return f();
}

const common = { seed: S.hexN(32), profile: profileSchema };
const invalid: JsonSchema = S.obj({ valid: { const: false }, reason: { type: 'string' } });

export const keyrotOps: OpDef[] = [
  {
    name: 'keyrot.nodes',
    summary: 'All node keys of a seed.',
    args: S.obj({ ...common }, ['seed']),
    result: S.obj({ nodes: { type: 'array', items: S.hexN(32) } }),
    handler: (a) => {
      const p = profileArg(a);
      const t = new KeyTree(p, seedArg(a));
      return toJson({ nodes: Array.from({ length: p.nodes }, (_, i) => t.node(i)) }) as JsonObject;
    },
  },
  {
    name: 'keyrot.leaves',
    summary: 'All leaf keys of one node in one direction.',
    args: S.obj({ ...common, node: S.uint, dir: { enum: [0, 1] } }, ['seed', 'node', 'dir']),
    result: S.obj({ leaves: { type: 'array', items: S.hexN(32) } }),
    handler: (a) => {
      const p = profileArg(a);
      const node = intArg(a, 'node', 0, p.nodes - 1);
      return toJson({ leaves: new KeyTree(p, seedArg(a)).leaves(node, dirArg(a)) }) as JsonObject;
    },
  },
  {
    name: 'keyrot.key',
    summary: 'Where a counter falls (node, leaf, seq), its leaf key and its nonce.',
    args: S.obj({ ...common, dir: { enum: [0, 1] }, ctr: S.uint, epoch: { type: 'integer', minimum: 0, maximum: 255 } }, ['seed', 'dir', 'ctr', 'epoch']),
    result: { oneOf: [S.obj({ valid: { const: true }, node: S.uint, leaf: S.uint, seq: S.uint, key: S.hexN(32), nonce: S.hexN(12) }), invalid] },
    handler: (a) => {
      const p = profileArg(a);
      const ctr = intArg(a, 'ctr');
      const epoch = intArg(a, 'epoch', 0, 255);
      const seed = seedArg(a);
      const dir = dirArg(a);
      return toJson(withCounter(p, ctr, () => ({ valid: true, ...splitCounter(p, ctr), key: new KeyTree(p, seed).keyFor(dir, ctr), nonce: makeNonce(epoch, ctr) }))) as JsonObject;
    },
  },
  {
    name: 'keyrot.seal',
    summary: 'Encrypt one packet under (seed, dir, epoch, ctr): nonce || ciphertext || tag.',
    args: S.obj({ ...common, dir: { enum: [0, 1] }, ctr: S.uint, epoch: { type: 'integer', minimum: 0, maximum: 255 }, plaintext: S.hex }, ['seed', 'dir', 'ctr', 'epoch', 'plaintext']),
    result: { oneOf: [S.obj({ valid: { const: true }, packet: S.hex }), invalid] },
    handler: (a) => {
      const p = profileArg(a);
      const ctr = intArg(a, 'ctr');
      const epoch = intArg(a, 'epoch', 0, 255);
      const seed = seedArg(a);
      const dir = dirArg(a);
      const pt = hexArg(a, 'plaintext');
      return toJson(withCounter(p, ctr, () => ({ valid: true, packet: sealPacket(p, new KeyTree(p, seed).keyFor(dir, ctr), epoch, ctr, pt) }))) as JsonObject;
    },
  },
  {
    name: 'keyrot.open',
    summary: 'Decrypt one packet expected under (seed, dir, epoch).',
    args: S.obj({ ...common, dir: { enum: [0, 1] }, epoch: { type: 'integer', minimum: 0, maximum: 255 }, packet: S.hex }, ['seed', 'dir', 'epoch', 'packet']),
    result: { oneOf: [S.obj({ valid: { const: true }, ctr: S.uint, plaintext: S.hex }), invalid] },
    handler: (a) => {
      const p = profileArg(a);
      const epoch = intArg(a, 'epoch', 0, 255);
      const packet = hexArg(a, 'packet');
      const seed = seedArg(a);
      const dir = dirArg(a);
      const n = parseNonce(p, packet);
      if (!n.ok) return { valid: false, reason: n.reason };
      if (n.parity !== (epoch & 1)) return { valid: false, reason: 'EPOCH_MISMATCH' };
      const pt = openPacket(p, new KeyTree(p, seed).keyFor(dir, n.ctr), packet);
      return toJson(pt ? { valid: true, ctr: n.ctr, plaintext: pt } : { valid: false, reason: 'AUTH_FAILED' }) as JsonObject;
    },
  },
];

const eventsAndState = {
  events: S.events,
  state: S.obj({
    txEpoch: S.uint, txCtr: S.uint, rxEpochs: { type: 'array', items: S.uint },
    pending: { oneOf: [{ type: 'null' }, S.obj({ epoch: S.uint, deadline: S.uint })] },
    oldRx: { oneOf: [{ type: 'null' }, S.obj({ epoch: S.uint, expires: S.uint })] },
    rekeySignalled: { type: 'boolean' },
  }),
};

const ep = (a: JsonObject, ctx: { handles: { get<T>(k: string, h: unknown): T } }) => ctx.handles.get<EpochEndpoint>('epoch', a.ep);

export const epochOps: OpDef[] = [
  {
    name: 'epoch.create',
    summary: 'A flow endpoint on `epoch` with `seed`; role initiator sends direction 0.',
    args: S.obj({ role: { enum: ['initiator', 'responder'] }, seed: S.hexN(32), epoch: { type: 'integer', minimum: 0, maximum: 255 }, profile: profileSchema }, ['role', 'seed']),
    result: S.obj({ handle: S.handle, state: eventsAndState.state }),
    handler: (a, ctx) => {
      const e = new EpochEndpoint(enumArg<Role>(a, 'role', ['initiator', 'responder']), seedArg(a), optIntArg(a, 'epoch', 0, 0, 255), profileArg(a));
      return toJson({ handle: ctx.handles.add('epoch', e), state: e.state() }) as JsonObject;
    },
  },
  {
    name: 'epoch.rekey',
    summary: 'Install the seed of the next epoch at virtual time `now`.',
    args: S.obj({ ep: S.handle, seed: S.hexN(32), epoch: { type: 'integer', minimum: 0, maximum: 255 }, now: S.now }),
    result: S.obj({ status: { enum: ['installed', 'refused'] }, reason: { type: 'string' }, ...eventsAndState }, ['status', 'events', 'state']),
    handler: (a, ctx) => {
      const e = ep(a, ctx);
      const r = e.rekey(seedArg(a), intArg(a, 'epoch', 0, 255), intArg(a, 'now'));
      return toJson({ ...r, state: e.state() }) as JsonObject;
    },
  },
  {
    name: 'epoch.send',
    summary: 'Write path: encrypt `plaintext` at virtual time `now`.',
    args: S.obj({ ep: S.handle, plaintext: S.hex, now: S.now }),
    result: S.obj({ status: { enum: ['sent', 'failed'] }, packet: S.hex, reason: { type: 'string' }, ...eventsAndState }, ['status', 'events', 'state']),
    handler: (a, ctx) => {
      const e = ep(a, ctx);
      const r = e.send(hexArg(a, 'plaintext'), intArg(a, 'now'));
      return toJson({ ...r, state: e.state() }) as JsonObject;
    },
  },
  {
    name: 'epoch.recv',
    summary: 'Read path: try to decrypt `packet` at virtual time `now`.',
    args: S.obj({ ep: S.handle, packet: S.hex, now: S.now }),
    result: S.obj({ status: { enum: ['accepted', 'dropped'] }, plaintext: S.hex, epoch: S.uint, reason: { type: 'string' }, ...eventsAndState }, ['status', 'events', 'state']),
    handler: (a, ctx) => {
      const e = ep(a, ctx);
      const r = e.recv(hexArg(a, 'packet'), intArg(a, 'now'));
      return toJson({ ...r, state: e.state() }) as JsonObject;
    },
  },
  {
    name: 'epoch.state',
    summary: 'Observe the endpoint without changing it.',
    args: S.obj({ ep: S.handle }),
    result: S.obj({ state: eventsAndState.state }),
    handler: (a, ctx) => toJson({ state: ep(a, ctx).state() }) as JsonObject,
  },
];
