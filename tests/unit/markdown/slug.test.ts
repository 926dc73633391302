import { describe, expect, it } from '@jest/globals';
import { Slugger, slugOnce } from '../../../packages/markdown/src/slug';

describe('GitHub heading slugs', () => {
  it('follows GitHub anchor rules', () => {
    expect(slugOnce('[1.2.3] - 2024-01-01')).toBe('123---2024-01-01');
    expect(slugOnce("What's Changed")).toBe('whats-changed');
    expect(slugOnce('v1.2.3 (Ünïcode)')).toBe('v123-ünïcode');
  });
  it('suffixes duplicates in document order', () => {
    const s = new Slugger();
    expect([s.slug('Fixed'), s.slug('Fixed'), s.slug('Fixed-1'), s.slug('Fixed')]).toEqual([
      'fixed',
      'fixed-1',
      'fixed-1-1',
      'fixed-2',
    ]);
  });
});
