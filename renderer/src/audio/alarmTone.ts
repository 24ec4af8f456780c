// The alarm is synthesised with WebAudio: no audio files to ship, nothing fetched.

const MUTE_KEY = 'muster.alertsMuted';

/** Two-tone pulses, 880/660 Hz, about 1.2 s in all: short enough not to drown a radio call. */
export const ALARM_PATTERN: readonly { readonly hz: number; readonly startS: number }[] = [
  { hz: 880, startS: 0 },
  { hz: 660, startS: 0.2 },
  { hz: 880, startS: 0.5 },
  { hz: 660, startS: 0.7 },
  { hz: 880, startS: 1.0 },
];
const PULSE_S = 0.18;

// The few WebAudio members used, typed here so this module also type-checks without the DOM
// library (unit tests import it under the Node configuration).
interface Param {
  value: number;
  setValueAtTime(v: number, t: number): void;
  exponentialRampToValueAtTime(v: number, t: number): void;
}
interface AudioNodeLike {
  connect<T extends AudioNodeLike>(n: T): T;
}
interface Tone {
  readonly state: string;
  readonly currentTime: number;
  readonly destination: AudioNodeLike;
  resume(): Promise<void>;
  createOscillator(): AudioNodeLike & {
    type: string;
    frequency: Param;
    start(t: number): void;
    stop(t: number): void;
  };
  createGain(): AudioNodeLike & { gain: Param };
}
type AudioContextCtor = new () => Tone;

/** The part of Web Storage used for the mute setting. */
export interface SettingStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

let ctx: Tone | undefined;

/** Plays the alarm once. Never throws: a blocked or missing audio device must not break alerts. */
export function playAlarm(): void {
  try {
    const Ctor = (globalThis as { AudioContext?: AudioContextCtor }).AudioContext;
    if (!Ctor) return;
    ctx ??= new Ctor();
    // Autoplay policy may hold the context until the operator has interacted with the page.
    if (ctx.state === 'suspended') void ctx.resume().catch(() => undefined);
    const t0 = ctx.currentTime + 0.02;
    for (const p of ALARM_PATTERN) {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = 'square';
      osc.frequency.value = p.hz;
      const start = t0 + p.startS;
      gain.gain.setValueAtTime(0.0001, start);
      gain.gain.exponentialRampToValueAtTime(0.25, start + 0.01);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + PULSE_S);
      osc.connect(gain).connect(ctx.destination);
      osc.start(start);
      osc.stop(start + PULSE_S + 0.02);
    }
  } catch {
    // No sound is better than a broken panel.
  }
}

export function readMuted(storage: Pick<SettingStorage, 'getItem'> | undefined): boolean {
  try {
    return storage?.getItem(MUTE_KEY) === '1';
  } catch {
    return false;
  }
}

export function writeMuted(
  storage: Pick<SettingStorage, 'setItem'> | undefined,
  muted: boolean,
): void {
  try {
    storage?.setItem(MUTE_KEY, muted ? '1' : '0');
  } catch {
    // Storage disabled by policy: the choice holds for this page only.
  }
}
