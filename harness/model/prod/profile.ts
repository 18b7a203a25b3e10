// The two readings of secnet PROD, and a site's configuration with secnet's defaults.
//  - secnet-notes: ewxrjk/secnet NOTES message 11 (shared/seeds/004): "We also send
//    them only in state WAIT ... And we only honour them if we don't already have a key."
//  - secnet-0.6.9: ewxrjk/secnet site.c generate_send_prod (sends in RUN, RESOLVE
//    and WAIT) and site_incoming (ignores a PROD "when not in state RUN" and "when
//    we think we have a key").
// Timer defaults: site.c DEFAULT_SETUP_RETRIES 5, DEFAULT_SETUP_RETRY_INTERVAL 2 s,
// DEFAULT_WAIT_TIME 20 s, key lifetime 1 h, renegotiation gap 5 min; mobile sites
// 30, 1 s, 10 s, 2 days, 12 h.

export type SiteState = 'STOP' | 'RUN' | 'RESOLVE' | 'SENTMSG1' | 'SENTMSG2' | 'SENTMSG3' | 'SENTMSG4' | 'SENTMSG5' | 'WAIT';
export const SITE_STATES: readonly SiteState[] = ['STOP', 'RUN', 'RESOLVE', 'SENTMSG1', 'SENTMSG2', 'SENTMSG3', 'SENTMSG4', 'SENTMSG5', 'WAIT'];

export interface ProdProfile {
  name: string;
  /** States in which an accepted NAK that started no key exchange draws a PROD. */
  sendStates: readonly SiteState[];
  /** States in which a PROD for us, received without a key, starts a key exchange. */
  honourStates: readonly SiteState[];
  /** Both sources: a PROD is never honoured while a key is held. Mutants flip this. */
  honourWithoutKeyOnly: boolean;
}

export const SECNET_NOTES: Readonly<ProdProfile> = Object.freeze<ProdProfile>({
  name: 'secnet-notes',
  sendStates: ['WAIT'],
  // Decision: "honour" = start a key exchange; RUN and WAIT are the states not
  // already in one (RESOLVE and SENTMSG1-5 are, STOP does nothing).
  honourStates: ['RUN', 'WAIT'],
  honourWithoutKeyOnly: true,
});

export const SECNET_069: Readonly<ProdProfile> = Object.freeze<ProdProfile>({
  name: 'secnet-0.6.9',
  sendStates: ['RUN', 'RESOLVE', 'WAIT'],
  honourStates: ['RUN'],
  honourWithoutKeyOnly: true,
});

export const PROFILES: Readonly<Record<string, Readonly<ProdProfile>>> = { 'secnet-notes': SECNET_NOTES, 'secnet-0.6.9': SECNET_069 };
export const PROFILE_NAMES = Object.keys(PROFILES);

export interface SiteConfig {
  /** Our name (secnet `local-name`), UTF-8. */
  localName: string;
  /** The peer's name (secnet `name`). */
  remoteName: string;
  /** Our index for this peer: the peer puts it in the dest field (>= 1; secnet numbers sites from 1). */
  index: number;
  /** The peer's configured address (secnet `address`), or null when none (e.g. a mobile peer). */
  peerAddress: string | null;
  /** Only chooses secnet's mobile defaults (secnet: `mobile` or `local-mobile`). */
  mobile: boolean;
  /** secnet `setup-timeout`: ms between key-setup retransmissions. */
  setupTimeout: number;
  /** secnet `setup-retries`: transmissions of each key-setup packet before WAIT. */
  setupRetries: number;
  /** secnet `wait-time`: ms in WAIT after a failed exchange. */
  waitTime: number;
  /** secnet `key-lifetime`, ms. */
  keyLifetime: number;
  /** secnet `renegotiate-time`: ms after activation from which incoming data starts a new exchange. */
  renegotiateTime: number;
  /** Model: virtual ms name resolution of `peerAddress` takes (0: completes at once). */
  resolveMs: number;
  /** Model: our capabilities word and MTU, sent in MSG2-MSG4 extra data. */
  capabilities: number;
  mtu: number;
  /** Model: seed for this site's nonces (a restarted site gets a new one). */
  seed: string;
}

const KEY_RENEGOTIATE_GAP = { fixed: 5 * 60 * 1000, mobile: 12 * 3600 * 1000 };
export const DEFAULTS = {
  fixed: { setupTimeout: 2000, setupRetries: 5, waitTime: 20000, keyLifetime: 3600 * 1000 },
  mobile: { setupTimeout: 1000, setupRetries: 30, waitTime: 10000, keyLifetime: 2 * 24 * 3600 * 1000 },
} as const;

export class ConfigError extends Error {}

const U32_MAX = 0xffffffff;

/** Fill secnet's defaults and check ranges; renegotiate-time as site.c derives it. */
export function makeConfig(c: Partial<SiteConfig> & Pick<SiteConfig, 'localName' | 'remoteName' | 'index'>): SiteConfig {
  const mobile = c.mobile ?? false;
  const d = mobile ? DEFAULTS.mobile : DEFAULTS.fixed;
  const keyLifetime = c.keyLifetime ?? d.keyLifetime;
  const gap = mobile ? KEY_RENEGOTIATE_GAP.mobile : KEY_RENEGOTIATE_GAP.fixed;
  const cfg: SiteConfig = {
    peerAddress: null, resolveMs: 0, capabilities: 0, mtu: 1400, seed: '', ...d,
    renegotiateTime: keyLifetime < gap * 2 ? Math.floor(keyLifetime / 2) : keyLifetime - gap,
    ...Object.fromEntries(Object.entries(c).filter(([, v]) => v !== undefined)),
    mobile, keyLifetime,
  } as SiteConfig;
  if (!cfg.localName || !cfg.remoteName) throw new ConfigError('localName and remoteName must be non-empty');
  if (cfg.localName === cfg.remoteName) throw new ConfigError('a site may not talk to itself (localName == remoteName)');
  if (!Number.isInteger(cfg.index) || cfg.index < 1 || cfg.index > U32_MAX) throw new ConfigError('index must be 1..2^32-1');
  for (const k of ['setupTimeout', 'waitTime', 'keyLifetime', 'renegotiateTime', 'resolveMs'] as const)
    if (!Number.isSafeInteger(cfg[k]) || cfg[k] < 0) throw new ConfigError(`${k} must be an integer >= 0`);
  if (!Number.isInteger(cfg.setupRetries) || cfg.setupRetries < 1) throw new ConfigError('setupRetries must be >= 1');
  if (cfg.renegotiateTime > cfg.keyLifetime) throw new ConfigError('renegotiateTime must not exceed keyLifetime');
  if (!Number.isInteger(cfg.capabilities) || cfg.capabilities < 0 || cfg.capabilities > U32_MAX) throw new ConfigError('capabilities must be a u32');
  if (!Number.isInteger(cfg.mtu) || cfg.mtu < 0 || cfg.mtu > 0xffff) throw new ConfigError('mtu must be a u16');
  return cfg;
}

/** setup-retries x setup-timeout: how long one key exchange keeps retransmitting (NOTES "setup-time x setup-retries"). */
export const totalRetransmissionMs = (c: SiteConfig) => c.setupRetries * c.setupTimeout;
