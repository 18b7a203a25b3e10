// PROD-*: secnet NAK/PROD recovery. NOTES message 11 (shared/seeds/004, a diff adding
// it to ewxrjk/secnet NOTES) is the requirement under profile secnet-notes; the
// code (ewxrjk/secnet site.c, udp.c, util.c, magic.h) is profile secnet-0.6.9.
// A requirement with `profiles` holds under those profiles only: a report that
// groups verdicts by profile shows which reading an IUT follows.
import type { Requirement } from './types.ts';

const SEED = 'shared/seeds/004_c5aaaa783248c4db.txt (secnet NOTES, message 11)';
const NOTES = 'ewxrjk/secnet:NOTES';
const SITE = 'ewxrjk/secnet:site.c';
const MAGIC = 'ewxrjk/secnet:magic.h';
const UDP = 'ewxrjk/secnet:udp.c';
const UTIL = 'ewxrjk/secnet:util.c';
const DESIGN = 'DESIGN.md section 3 (PROD)';
export const NOTES_ONLY = ['secnet-notes'];
export const CODE_ONLY = ['secnet-0.6.9'];

const r = (id: string, level: Requirement['level'], title: string, sources: Requirement['sources'], extra: { decision?: string; profiles?: string[] } = {}): Requirement => ({
  id, mechanism: 'prod', level, title, sources, ...extra,
});

export const PROD_REQUIREMENTS: Requirement[] = [
  r('PROD-001', 'MUST', 'Every packet starts with a 12-byte header: destination index u32, source index u32, label u32, big-endian; labels NAK 0x00000000, MSG0 0x00020200, MSG1..MSG6 0xNNNNNNNN, PROD 0x0a0a0a0a', [
    { ref: MAGIC, quote: '#define LABEL_NAK 0x00000000 ... #define LABEL_PROD 0x0a0a0a0a' },
    { ref: DESIGN, quote: 'Header: dest index u32, source index u32, label u32.' },
  ]),
  r('PROD-002', 'MUST', 'PROD = header(0, 0, PROD) | name(A) | name(B): the sender A names itself first and the peer second; a name is a u16 length and its bytes', [
    { ref: SEED, quote: '11) *,*,PROD,A,B' },
    { ref: SITE, quote: 'generate_prod: buf_append_uint32(buf,0) twice, LABEL_PROD, buf_append_string(localname), buf_append_string(remotename)' },
    { ref: UTIL, quote: 'buf_append_string: two-byte length (network byte order) and the string' },
  ]),
  r('PROD-003', 'MUST', 'A NUL inside a name ends it; the sender\'s bytes after the NUL are extra data that, when present, hold at least a u32 capabilities word (MSG3/MSG4: then at least a u16 MTU if more follows); shorter extra data makes the message malformed; the receiver\'s extra data is ignored', [
    { ref: NOTES, quote: 'A+ and B+ are the names with optional additional data' },
    { ref: SITE, quote: 'unpick_name: memchr(nm->name,0,nm->len) ... unpick_msg: CHECK_AVAIL(&m->remote.extrainfo,4)' },
  ]),
  r('PROD-004', 'MUST', 'A malformed PROD (truncated, name length past the end, bytes after the second name, sender extra data too short) is not honoured and changes no state', [
    { ref: SITE, quote: 'unpick_msg: if (type==LABEL_PROD) { CHECK_EMPTY(msg); return True; }' },
    { ref: SITE, quote: 'named_for_us: return unpick_msg(...) && name_matches(...) && name_matches(...)' },
  ]),
  r('PROD-005', 'MUST', 'Anti-amplification: a site never sends more PRODs than the outgoing data packets handed to it; K NAKs with no outgoing data packet between them draw at most one PROD', [
    { ref: SEED, quote: 'We send no more PRODs than we would want to send data packets, to avoid a traffic amplification attack.' },
    { ref: SITE, quote: 'site_outgoing: st->allow_send_prod=1; generate_send_prod: if (!st->allow_send_prod) return; ... st->allow_send_prod=0;' },
  ]),
  r('PROD-006', 'MUST', 'A NAK is accepted only when its destination index is ours and its source index is the peer index of our current session; any other NAK is dropped and starts nothing', [
    { ref: SITE, quote: 'case LABEL_NAK: if (get_uint32(buf->start+4)==st->current.remote_session_id) ... else slog(st,LOG_SEC,"bad incoming NAK")' },
    { ref: UTIL, quote: 'send_nak: buf_append_uint32(buf,their_index); buf_append_uint32(buf,our_index); buf_append_uint32(buf,LABEL_NAK)' },
  ]),
  r('PROD-007', 'MUST', 'A PROD goes to the address the NAK came from, and only in response to an accepted NAK', [
    { ref: SEED, quote: 'Sent in response to a NAK from B to A.' },
    { ref: SITE, quote: 'generate_send_prod(st,source): source->comm->sendmsg(source->comm->st, &st->scratch, source)' },
  ]),
  r('PROD-008', 'MUST', 'In RUN an accepted NAK starts a key exchange (the NAK\'s source is the address hint when none is configured) and draws no PROD', [
    { ref: SITE, quote: 'initiated = initiate_key_setup(st,"received a NAK",source); if (!initiated) generate_send_prod(st,source);' },
  ], { decision: 'secnet 0.6.9 lists RUN among the PROD states, but in RUN a NAK first starts a key exchange, which with the NAK source as hint always succeeds: the RUN allowance is not observable through NAKs, so both profiles agree here.' }),
  r('PROD-009', 'MUST', 'NOTES: a PROD is sent only in state WAIT: an accepted NAK in RESOLVE or SENTMSG1-5 draws no PROD', [
    { ref: SEED, quote: 'We also send them only in state WAIT, as in other states we wouldn\'t respond favourably.' },
    { ref: SITE, quote: 'generate_send_prod: if (!(st->state==SITE_RUN || st->state==SITE_RESOLVE || st->state==SITE_WAIT)) return;' },
  ], { profiles: NOTES_ONLY, decision: 'Differs from secnet-0.6.9 (PROD-010) in RESOLVE.' }),
  r('PROD-010', 'observed', 'secnet 0.6.9: a PROD is also sent in RUN and RESOLVE: an accepted NAK in RESOLVE draws a PROD; in SENTMSG1-5 none', [
    { ref: SITE, quote: 'generate_send_prod: if (!(st->state==SITE_RUN || st->state==SITE_RESOLVE || st->state==SITE_WAIT)) return; /* we\'d ignore peer\'s MSG1 */' },
    { ref: SEED, quote: 'We also send them only in state WAIT' },
  ], { profiles: CODE_ONLY, decision: 'Differs from secnet-notes (PROD-009) in RESOLVE.' }),
  r('PROD-011', 'MUST', 'A PROD is acted on only when its first name is our peer\'s name and its second is ours (byte-exact, up to any NUL); wrong or swapped names leave it unclaimed', [
    { ref: SITE, quote: 'if (msgtype==LABEL_PROD) { if (!named_for_us(st,buf,msgtype,&named_msg)) return False;' },
    { ref: SITE, quote: 'name_matches: nm->len == expected_len && !memcmp(nm->name, expected, expected_len)' },
  ]),
  r('PROD-012', 'MUST', 'A PROD is never honoured while the receiver holds a key', [
    { ref: SEED, quote: 'And we only honour them if we don\'t already have a key.' },
    { ref: SITE, quote: 'else if (current_valid(st)) { slog(st,LOG_DROP,"ignoring PROD when we think we have a key");' },
  ]),
  r('PROD-013', 'MUST', 'NOTES: a PROD for us received without a key starts a key exchange from RUN and from WAIT (abandoning the wait)', [
    { ref: SEED, quote: 'Requests that B initiates a key exchange with A, if B is willing and lacks a transport key for A.' },
    { ref: SITE, quote: 'if (st->state!=SITE_RUN) { slog(st,LOG_DROP,"ignoring PROD when not in state RUN");' },
  ], { profiles: NOTES_ONLY, decision: 'Honouring = starting a key exchange, so it applies in the states not already in one (RUN, WAIT). Differs from secnet-0.6.9 (PROD-014) in WAIT.' }),
  r('PROD-014', 'observed', 'secnet 0.6.9: a PROD is honoured only in RUN; in WAIT (and every other state) it is ignored even without a key', [
    { ref: SITE, quote: 'if (st->state!=SITE_RUN) { slog(st,LOG_DROP,"ignoring PROD when not in state RUN");' },
    { ref: SEED, quote: 'we only honour them if we don\'t already have a key' },
  ], { profiles: CODE_ONLY, decision: 'Differs from secnet-notes (PROD-013) in WAIT.' }),
  r('PROD-015', 'MUST', 'An honoured PROD makes the receiver the initiator: MSG1 goes to the configured address (after resolving it) or, with none configured, to the address the PROD came from', [
    { ref: SEED, quote: '(If B doesn\'t have A\'s address configured, implicitly supplies A\'s public address.)' },
    { ref: SITE, quote: 'initiate_key_setup(st,"peer sent PROD packet",source); ... transport_compute_setupinit_peers(st,0,0,prod_hint)' },
  ]),
  r('PROD-016', 'MUST', 'With no address configured, the NAK that starts a key exchange in RUN supplies the peer\'s address: MSG1 goes to the NAK\'s source', [
    { ref: SITE, quote: 'initiate_key_setup(st,"received a NAK",source)' },
  ]),
  r('PROD-017', 'MUST', 'No NAK loops: a NAK, or any packet of 12 bytes or fewer, never draws a NAK; the NAK an unclaimed PROD draws (indices 0) is dropped by the prodder and draws nothing', [
    { ref: UDP, quote: 'if (cc->rbuf->size>12 /* prevents traffic amplification */ && ((msgtype=get_uint32(cc->rbuf->start+8)) != LABEL_NAK))' },
    { ref: SITE, quote: 'st->index = ++index_sequence;' },
  ], { decision: 'Site indices start at 1, so a NAK with destination 0 is never for a site.' }),
  r('PROD-018', 'MUST', 'A packet no site claims that is longer than 12 bytes and not a NAK draws a NAK to its source with the two indices swapped; a data packet that will not decrypt draws one too', [
    { ref: UDP, quote: 'send_nak(&ca,source,dest,msgtype,cc->rbuf,"unwanted")' },
    { ref: SITE, quote: 'decrypt_msg0: initiate_key_setup(st,"incoming message would not decrypt",0); send_nak(src,m.dest,m.source,...)' },
  ]),
  r('PROD-019', 'MUST', 'Recovery bound: after one end restarts mid key exchange, both ends hold a key again within the exchange\'s total retransmission time, without the key-exchange retry wait', [
    { ref: SEED, quote: 'With PROD, the period of broken communication due to a key exchange interrupted by a restart is limited to the key exchange total retransmission timeout, rather than also including the key exchange retry timeout.' },
  ], { decision: 'Measured from the restart: at most setup-retries x (setup-timeout + 1 ms) (secnet fires a timer once now > deadline) plus the gap to the next data packet plus 9 one-way trips (data, NAK, PROD, MSG1-MSG6); and less than setup-retries x setup-timeout + wait-time.' }),
  r('PROD-020', 'MUST', 'Timers: defaults setup-timeout 2000 ms, setup-retries 5, wait-time 20000 ms (mobile 1000 ms, 30, 10000 ms); each key-setup packet is sent setup-retries times setup-timeout apart, then WAIT; WAIT lasts wait-time, then RUN', [
    { ref: SITE, quote: '#define DEFAULT_SETUP_RETRIES 5 / DEFAULT_SETUP_RETRY_INTERVAL (2*1000) / DEFAULT_WAIT_TIME (20*1000); mobile 30 / (1*1000) / (10*1000)' },
    { ref: SITE, quote: 'send_msg: if (st->retries>0) { transport_xmit(...); st->timeout=st->now+st->setup_retry_interval; st->retries--; } else ... enter_state_wait(st);' },
  ]),
  r('PROD-021', 'MUST', 'A MSG1 naming us is processed in RUN, RESOLVE and WAIT (reply MSG2), in SENTMSG1 only by the lower-priority end, and ignored in SENTMSG2-5: why a PROD is useless outside WAIT', [
    { ref: SITE, quote: 'if (st->state==SITE_RUN || st->state==SITE_RESOLVE || st->state==SITE_WAIT) { /* We should definitely process it */' },
    { ref: SEED, quote: 'as in other states we wouldn\'t respond favourably' },
  ]),
  r('PROD-022', 'MUST', 'In STOP an outgoing data packet is discarded and does not allow a PROD', [
    { ref: SITE, quote: 'site_outgoing: if (st->state==SITE_STOP) { BUF_FREE(buf); return; } st->allow_send_prod=1;' },
  ]),
];
