import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createCache } from '../../src/platform/cache.ts';

describe('cache', () => {
  it('serves a value until its TTL ends, then loads again', async () => {
    let clock = 0;
    let loads = 0;
    const cache = createCache<number>({ ttlMs: 1000, max: 10, now: () => clock });
    const load = async () => ++loads;
    assert.equal(await cache.get('k', load), 1);
    clock = 999;
    assert.equal(await cache.get('k', load), 1);
    clock = 1000;
    assert.equal(await cache.get('k', load), 2);
  });

  it('shares one load between concurrent misses', async () => {
    let loads = 0;
    const cache = createCache<number>({ ttlMs: 1000, max: 10 });
    const load = () => new Promise<number>((resolve) => setTimeout(() => resolve(++loads), 5));
    assert.deepEqual(await Promise.all([cache.get('k', load), cache.get('k', load)]), [1, 1]);
  });

  it('does not keep failures', async () => {
    const cache = createCache<number>({ ttlMs: 1000, max: 10 });
    await assert.rejects(cache.get('k', async () => Promise.reject(new Error('db down'))));
    assert.equal(await cache.get('k', async () => 7), 7);
  });

  it('drops the least recently used entry beyond its size', async () => {
    let loads = 0;
    const cache = createCache<number>({ ttlMs: 1000, max: 2 });
    const load = async () => ++loads;
    await cache.get('a', load);
    await cache.get('b', load);
    await cache.get('a', load);
    await cache.get('c', load);
    assert.equal(await cache.get('a', load), 1);
    assert.equal(await cache.get('b', load), 4);
  });

  it('peeks without loading and keeps what is set, for its TTL', async () => {
    let clock = 0;
    const cache = createCache<boolean>({ ttlMs: 1000, max: 10, now: () => clock });
    assert.equal(cache.peek('k'), undefined);
    cache.set('k', true);
    assert.equal(await cache.peek('k'), true);
    assert.equal(await cache.get('k', async () => false), true);
    clock = 1000;
    assert.equal(cache.peek('k'), undefined);
  });

  it('is off with TTL 0', async () => {
    let loads = 0;
    const cache = createCache<number>({ ttlMs: 0, max: 10 });
    await cache.get('k', async () => ++loads);
    await cache.get('k', async () => ++loads);
    assert.equal(loads, 2);
    cache.set('k', 7);
    assert.equal(cache.peek('k'), undefined);
  });
});
