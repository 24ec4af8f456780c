import { describe, expect, it } from 'vitest';
import {
  canonicalEvent,
  eventHash,
  verifyChain,
  type ChainedEvent,
} from '../../electron/core/log/chain';
import { GENESIS_HASH } from '../../shared/domain/audit';

describe('event log chain', () => {
  const base = { subject: 'sup-1', tsMs: 5, operator: 'A', kind: 'transition' as const };

  it('canonical text has a fixed order and writes absent fields as null', () => {
    const a = canonicalEvent({ ...base, seq: 1, from: 'requested', to: 'recommended' });
    const b = canonicalEvent({ to: 'recommended', from: 'requested', seq: 1, ...base });
    expect(a).toBe(b);
    expect(a).toBe('[1,"sup-1",5,"A","transition","requested","recommended",null,null]');
    expect(canonicalEvent({ ...base, seq: 1, reason: '' })).not.toBe(
      canonicalEvent({ ...base, seq: 1 }),
    );
  });

  it('covers a note when there is one, in one text whatever its key order; none keeps the old text', () => {
    const plain = canonicalEvent({ ...base, seq: 1 });
    expect(plain).toBe('[1,"sup-1",5,"A","transition",null,null,null,null]');
    const noted = canonicalEvent({
      ...base,
      seq: 1,
      note: { code: 'in-geofence', params: { distanceM: 12, geofenceM: 200 } },
    });
    expect(noted).toBe(
      '[1,"sup-1",5,"A","transition",null,null,null,null,{"code":"in-geofence","params":{"distanceM":12,"geofenceM":200}}]',
    );
    expect(
      canonicalEvent({
        ...base,
        seq: 1,
        note: { params: { geofenceM: 200, distanceM: 12 }, code: 'in-geofence' },
      }),
    ).toBe(noted);
    expect(
      canonicalEvent({
        ...base,
        seq: 1,
        note: { code: 'in-geofence', params: { distanceM: 13, geofenceM: 200 } },
      }),
    ).not.toBe(noted);
  });

  it('covers a body after the note place, so a body and a note are never mistaken', () => {
    const bodied = canonicalEvent({
      ...base,
      seq: 1,
      kind: 'request',
      body: { state: 'approved', b: 1 },
    });
    expect(bodied).toBe(
      '[1,"sup-1",5,"A","request",null,null,null,null,null,{"b":1,"state":"approved"}]',
    );
    const noteOnly = canonicalEvent({
      ...base,
      seq: 1,
      note: { code: 'approved' },
    });
    const bodyOnly = canonicalEvent({ ...base, seq: 1, body: { code: 'approved' } });
    expect(bodyOnly).not.toBe(noteOnly);
    expect(canonicalEvent({ ...base, seq: 1, body: { x: 2 } })).not.toBe(
      canonicalEvent({ ...base, seq: 1, body: { x: 3 } }),
    );
  });

  it('eventHash is sha256 hex and depends on both inputs', () => {
    const h = eventHash(GENESIS_HASH, 'x');
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(eventHash(GENESIS_HASH, 'y')).not.toBe(h);
    expect(eventHash('1'.repeat(64), 'x')).not.toBe(h);
  });

  function chain(n: number): ChainedEvent[] {
    const out: ChainedEvent[] = [];
    let prev = GENESIS_HASH;
    for (let seq = 1; seq <= n; seq++) {
      const event = { ...base, seq, reason: `step ${seq}` };
      const hash = eventHash(prev, canonicalEvent(event));
      out.push({ event, prevHash: prev, hash });
      prev = hash;
    }
    return out;
  }

  it('verifies an intact chain and finds an edit, a gap and a relinked row', () => {
    const four = chain(4);
    expect(verifyChain(four)).toEqual({ ok: true, events: 4, headHash: four[3]?.hash });
    expect(verifyChain([])).toEqual({ ok: true, events: 0, headHash: GENESIS_HASH });

    const edited = chain(4);
    const third = edited[2] as ChainedEvent;
    edited[2] = { ...third, event: { ...third.event, reason: 'nothing happened' } };
    expect(verifyChain(edited)).toMatchObject({ ok: false, badSeq: 3 });

    const gap = chain(4);
    gap.splice(1, 1);
    expect(verifyChain(gap)).toMatchObject({
      ok: false,
      badSeq: 3,
      reason: 'expected seq 2, found 3',
    });

    // Editing a row and recomputing its own hash still breaks the next link.
    const rehashed = chain(4);
    const second = rehashed[1] as ChainedEvent;
    const forged = { ...second.event, operator: 'B' };
    rehashed[1] = {
      ...second,
      event: forged,
      hash: eventHash(second.prevHash, canonicalEvent(forged)),
    };
    expect(verifyChain(rehashed)).toMatchObject({ ok: false, badSeq: 3 });
  });
});
