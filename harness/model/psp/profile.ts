// Profile linux-psp-rekey: the PSP rekey series (shared/seeds/003) as merged upstream.
// The series leaves one choice open ("rekey at a specific seqno" vs "an instant"); both
// are kept as a profile parameter, and so is the upstream phase-bit check on rx rekey.
export type RetransmitKey = 'instant' | 'seqno';

export interface PspProfile {
  name: string;
  /** instant: a rekey switches every later send, retransmits included; seqno: data sent before the rekey keeps the old key. */
  retransmitKey: RetransmitKey;
  /** rx rekey needs the new SPI's phase bit (the device key slot) to differ from the current one's. */
  rxRekeyPhaseCheck: boolean;
}

export const LINUX_PSP_REKEY: Readonly<PspProfile> = Object.freeze({
  name: 'linux-psp-rekey',
  retransmitKey: 'instant',
  rxRekeyPhaseCheck: true,
});

export function makeProfile(over: Partial<Omit<PspProfile, 'name'>> = {}): PspProfile {
  return { ...LINUX_PSP_REKEY, ...over };
}
