// Types of bench/ingestMicroBaseline.mjs: what bench/ingestMicro.ts uses of a baseline tree.
import type { coreConfigFrom as current } from '../electron/core/config';
import type { CoreConfig } from '../electron/core/config';

export declare const coreConfigFrom: typeof current;

export interface BaselineCore {
  handleMessage(topic: string, payload: Uint8Array): void;
  tick(): void;
  readonly counters: { readonly accepted: number };
  readonly repo: { sampleCount(): number; writeTick: (...a: never[]) => void };
  stop(): Promise<void>;
}

export declare const ConsoleCore: {
  start(config: CoreConfig): Promise<BaselineCore>;
};
