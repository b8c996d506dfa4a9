import { describe, expect, it, vi } from 'vitest';
import { MicroCache } from '../../services/api/services/micro-cache.js';

describe('MicroCache', () => {
  it('shares one load among concurrent readers and within the window', async () => {
    const c = new MicroCache<number>(1000);
    const load = vi.fn(async () => 1);
    expect(await Promise.all([c.get('k', load), c.get('k', load), c.get('k', load)])).toEqual([1, 1, 1]);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('serves the stale value while one background refresh runs, then the new one', async () => {
    vi.useFakeTimers();
    try {
      const c = new MicroCache<number>(1000, 1000);
      let n = 0;
      let release: () => void = () => undefined;
      const load = vi.fn(() => (n++ === 0 ? Promise.resolve(1) : new Promise<number>((r) => (release = () => r(2)))));
      expect(await c.get('k', load)).toBe(1);
      vi.advanceTimersByTime(1500);
      expect(await c.get('k', load)).toBe(1); // stale, refresh started
      expect(await c.get('k', load)).toBe(1); // still stale, no second refresh
      expect(load).toHaveBeenCalledTimes(2);
      release();
      await Promise.resolve();
      await Promise.resolve();
      expect(await c.get('k', load)).toBe(2);
      vi.advanceTimersByTime(5000); // past the stale window: the reader waits for a fresh load
      n = 0;
      expect(await c.get('k', load)).toBe(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('does not cache failures, and clear() forgets everything', async () => {
    const c = new MicroCache<number>(1000);
    await expect(c.get('k', () => Promise.reject(new Error('db down')))).rejects.toThrow('db down');
    expect(await c.get('k', async () => 3)).toBe(3);
    c.clear();
    expect(await c.get('k', async () => 4)).toBe(4);
    expect(await new MicroCache<number>(0).get('k', async () => 5)).toBe(5);
  });
});
