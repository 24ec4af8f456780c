import { describe, expect, it } from 'vitest';
import { InjectRunner } from '../../electron/core/drill/InjectRunner';
import { SessionClock } from '../../electron/core/session/SessionClock';
import { failureText } from '../../renderer/src/components/failureText';
import { refusalOf } from '../../shared/domain/refusal';
import { sosInject } from '../support/drill';
import { tIn } from '../support/i18n';

// A refusal reaches the operator in the UI language however a host wrapped the core's error:
// Electron's invoke prefixes it, the WebSocket client rebuilds it from the message text.

const zh = tIn('zh-CN');
const en = tIn('en');
const caught = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected a refusal');
};

describe('refusals', () => {
  it('an inject fired twice (two facilitators, or a click as the clock fires it) is worded', () => {
    const r = new InjectRunner([sosInject('a')], 0);
    r.fired('a', 10, true);
    const message = caught(() => r.fired('a', 11, true));
    expect(refusalOf(message)).toBe('inject-not-pending');
    expect(failureText(zh, message)).toBe('该注入已触发或已跳过');
    expect(failureText(en, message)).toBe('that inject has already been fired or skipped');
  });

  it('live duty refuses a clock control, in Chinese through an Electron-wrapped error too', () => {
    const message = caught(() => SessionClock.wall(() => 0).setSpeed(2));
    const wrapped = `Error invoking remote method 'console:drill': Error: ${message}`;
    expect(refusalOf(wrapped)).toBe('clock-wall-clock');
    expect(failureText(zh, wrapped)).toBe('值班实战按真实时间运行，不能暂停、变速或跳转');
  });

  it('an untagged failure, or an unknown tag, stays as the core worded it', () => {
    expect(failureText(zh, 'broker unreachable')).toBe('broker unreachable');
    expect(refusalOf('x [refused:no-such-code]')).toBeUndefined();
    expect(failureText(zh, 'x [refused:no-such-code]')).toBe('x [refused:no-such-code]');
  });
});
