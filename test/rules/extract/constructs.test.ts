// Kernel-C constructs tree-sitter needs help with, and the table mappings
// beyond the seed series. Snippets are written for these tests (not kernel code).
import { describe, expect, it } from 'vitest';
import type { Effect } from '../../../services/model/core/effects.js';
import { extractPatchFunctions } from '../../../services/rules/core/extract/index.js';
import { bare, flat, fn, newFileDiff, parser } from './seed.js';

async function extract(c: string, file = 'drivers/cxl/core/test.c') {
  return extractPatchFunctions(await parser(), { file, diff: newFileDiff(file, c) });
}
const noReads = (b: Effect[]): Effect[] => b.filter((e) => e.op !== 'read');

describe('kernel constructs', () => {
  it('__free on a lookup declared mid-block, with attributes on the signature and EXPORT_SYMBOL after', async () => {
    const r = await extract(`static int __must_check __maybe_unused probe_one(struct cxl_root_decoder *cxlrd, const char *name)
{
	struct cxl_region *cxlr __free(put_cxl_region) = cxl_find_region_by_name(cxlrd, name);

	if (IS_ERR(cxlr))
		return PTR_ERR(cxlr);
	return 0;
}
EXPORT_SYMBOL_NS_GPL(probe_one, "CXL");
`);
    const f = fn(r, 'probe_one');
    expect(f.params).toEqual([{ name: 'cxlrd', role: 'rootDecoder' }, { name: 'name', role: null }]);
    expect(bare(f.body)).toEqual([
      { op: 'ref.get', obj: { role: 'region' }, scoped: true, result: 'cxlr' },
      { op: 'if', cond: { kind: 'failed', result: 'cxlr' }, then: [{ op: 'return', error: null, value: 'cxlr' }], else: [] },
      { op: 'return', error: null },
    ]);
    expect(r.functions).toHaveLength(1);
  });

  it('scoped_guard and guard inside a block are unlocked at the block end and before returns', async () => {
    const r = await extract(`int set_lock(struct cxl_region *cxlr, struct cxl_port *endpoint)
{
	scoped_guard(rwsem_write, &cxl_rwsem.region) {
		if (test_bit(CXL_REGION_F_LOCK, &cxlr->flags))
			return -EBUSY;
		set_bit(CXL_REGION_F_LOCK, &cxlr->flags);
	}
	if (endpoint) {
		guard(device)(&endpoint->dev);
		clear_bit(CXL_REGION_F_NEEDS_RESET, &cxlr->flags);
	}
	return 0;
}
`);
    const b = bare(fn(r, 'set_lock').body) as Effect[];
    expect(b[0]).toEqual({ op: 'lock', lock: 'rwsem.region', mode: 'write', scoped: false });
    expect(b[1]).toEqual({
      op: 'if', cond: { kind: 'flag', obj: { role: 'region' }, flag: 'LOCK' },
      then: [{ op: 'unlock', lock: 'rwsem.region', mode: 'write' }, { op: 'return', error: '-EBUSY' }], else: [],
    });
    expect(b[2]).toEqual({ op: 'flag.set', obj: { role: 'region' }, flag: 'LOCK' });
    expect(b[3]).toEqual({ op: 'unlock', lock: 'rwsem.region', mode: 'write' });
    expect(b[4]).toMatchObject({ op: 'if', cond: { kind: 'unknown', text: 'endpoint' } });
    expect((b[4] as Extract<Effect, { op: 'if' }>).then).toEqual([
      { op: 'lock', lock: 'device', obj: { role: 'port' }, mode: 'exclusive', scoped: false },
      { op: 'flag.clear', obj: { role: 'region' }, flag: 'NEEDS_RESET' },
      { op: 'unlock', lock: 'device', obj: { role: 'port' }, mode: 'exclusive' },
    ]);
  });

  it('list_for_each_entry with a block body parses as a loop', async () => {
    const r = await extract(`static void drop_all(struct cxl_region *cxlr)
{
	struct cxl_endpoint_decoder *cxled;

	list_for_each_entry(cxled, &cxlr->decoders, node) {
		put_device(&cxled->cxld.dev);
	}
}
`);
    const f = fn(r, 'drop_all');
    const loop = f.body.find((e) => e.op === 'if') as Extract<Effect, { op: 'if' }>;
    expect(loop.cond).toMatchObject({ kind: 'unknown', text: expect.stringContaining('list_for_each_entry') });
    expect(bare(loop.then)).toEqual([{ op: 'ref.put', obj: { role: 'endpointDecoder' } }]);
    expect(f.unresolved).toEqual([]);
  });

  it('devm_add_action, devm_remove_action, get/put_device, down/up_read, device_lock', async () => {
    const r = await extract(`static int hold(struct cxl_memdev *cxlmd)
{
	struct cxl_port *endpoint = cxlmd->endpoint;
	int rc;

	device_lock(&endpoint->dev);
	down_read(&cxl_rwsem.dpa);
	get_device(&cxlmd->dev);
	rc = devm_add_action(&endpoint->dev, drop_memdev, cxlmd);
	up_read(&cxl_rwsem.dpa);
	device_unlock(&endpoint->dev);
	if (rc) {
		put_device(&cxlmd->dev);
		return rc;
	}
	devm_remove_action(&endpoint->dev, drop_memdev, cxlmd);
	return 0;
}
`);
    expect(bare(noReads(fn(r, 'hold').body))).toEqual([
      { op: 'lock', lock: 'device', obj: { role: 'endpoint' }, mode: 'exclusive', scoped: false },
      { op: 'lock', lock: 'rwsem.dpa', mode: 'read', scoped: false },
      { op: 'ref.get', obj: { role: 'memdev' }, scoped: false },
      { op: 'devres.add', host: { role: 'endpoint' }, action: 'drop_memdev', data: { role: 'memdev' }, orReset: false, result: 'rc' },
      { op: 'unlock', lock: 'rwsem.dpa', mode: 'read' },
      { op: 'unlock', lock: 'device', obj: { role: 'endpoint' }, mode: 'exclusive' },
      { op: 'if', cond: { kind: 'failed', result: 'rc' }, then: [{ op: 'ref.put', obj: { role: 'memdev' } }, { op: 'return', error: null, value: 'rc' }], else: [] },
      { op: 'devres.remove', host: { role: 'endpoint' }, action: 'drop_memdev', data: { role: 'memdev' } },
      { op: 'return', error: null },
    ]);
  });

  it('&& and || become nested ifs; a tested bit kept in a variable is a flag condition', async () => {
    const r = await extract(`static int check(struct cxl_region *cxlr, struct cxl_memdev *cxlmd)
{
	bool locked = test_bit(CXL_REGION_F_LOCK, &cxlr->flags);

	if (locked && cxlmd->attach)
		return -EBUSY;
	if (!cxlmd->endpoint->dev.driver || cxlr->params.state < CXL_CONFIG_COMMIT)
		return -ENXIO;
	return 0;
}
`);
    const b = bare(noReads(fn(r, 'check').body)) as Effect[];
    expect(b[0]).toEqual({ op: 'flag.test', obj: { role: 'region' }, flag: 'LOCK' });
    expect(b[1]).toEqual({
      op: 'if', cond: { kind: 'flag', obj: { role: 'region' }, flag: 'LOCK' },
      then: [{ op: 'read', obj: { role: 'memdev' }, field: 'attach' },
        { op: 'if', cond: { kind: 'flag', obj: { role: 'memdev' }, flag: 'attach' }, then: [{ op: 'return', error: '-EBUSY' }], else: [] }],
      else: [],
    });
    const ret = { op: 'return', error: '-ENXIO' };
    expect(b[2]).toMatchObject({ op: 'if', cond: { kind: 'not', cond: { kind: 'bound', obj: { role: 'endpoint' } } }, then: [ret] });
    const second = (b[2] as Extract<Effect, { op: 'if' }>).else.find((e) => e.op === 'if');
    expect(second).toMatchObject({ cond: { kind: 'not', cond: { kind: 'flag', obj: { role: 'region' }, flag: 'committed' } }, then: [ret] });
  });

  it('container_of(…, typeof(*x), m), designated initialisers and a store into the attach descriptor', async () => {
    const r = await extract(`static int fill(struct cxl_memdev *cxlmd, struct cxl_region *cxlr)
{
	struct cxl_attach_region *attach = container_of(cxlmd->attach, typeof(*attach), attach);

	attach->region = (struct range) {
		.start = cxlr->params.res->start,
		.end = cxlr->params.res->end,
	};
	return 0;
}
`);
    const w = fn(r, 'fill').body.find((e) => e.op === 'write');
    expect(bare(w)).toEqual({ op: 'write', obj: { role: 'attach' }, field: 'region', value: { role: 'region' } });
    expect(w?.loc?.line).toBe(5);
  });

  it('calls to other functions become call effects; lifetime-looking ones without an entry are not modelled', async () => {
    const r = await extract(`static void teardown(struct cxl_region *cxlr)
{
	unregister_region(cxlr);
	dev_dbg(&cxlr->dev, "gone\\n");
	kref_put(&cxlr->kref, release_it);
	cxlr->ops->detach(cxlr);
}
`);
    const f = fn(r, 'teardown');
    expect(bare(f.body)).toEqual([
      { op: 'call', fn: 'unregister_region', args: [{ role: 'region' }] },
      { op: 'unmodelled', text: 'kref_put(&cxlr->kref, release_it)' },
      { op: 'read', obj: { role: 'region' }, field: 'ops' },
      { op: 'unmodelled', text: 'indirect call cxlr->ops->detach(cxlr)' },
    ]);
    expect(r.notModelled.map((n) => [n.text.split(':')[0], n.line])).toEqual([['no table entry for kref_put', 5], ['indirect call', 6]]);
  });

  it('a forward goto runs the error path from its label; a backward goto is reported', async () => {
    const r = await extract(`static int go(struct cxl_region *cxlr)
{
	int rc = queue_reset(cxlr);

	if (rc) {
		guard(rwsem_read)(&cxl_rwsem.region);
		goto out;
	}
	return 0;
out:
	put_device(&cxlr->dev);
	return rc;
}

static void back(struct cxl_region *cxlr)
{
again:
	if (queue_reset(cxlr))
		goto again;
}
`);
    const go = fn(r, 'go');
    expect(bare(go.body[1])).toEqual({
      op: 'if', cond: { kind: 'failed', result: 'rc' },
      then: [
        { op: 'lock', lock: 'rwsem.region', mode: 'read', scoped: false },
        { op: 'unlock', lock: 'rwsem.region', mode: 'read' },
        { op: 'ref.put', obj: { role: 'region' } },
        { op: 'return', error: null, value: 'rc' },
      ],
      else: [],
    });
    expect((go.body[1] as Extract<Effect, { op: 'if' }>).then[2]?.loc?.line).toBe(11);
    expect(r.notModelled).toEqual([expect.objectContaining({ fn: 'back', text: 'goto not modelled: goto again;', line: 19 })]);
    expect(flat(fn(r, 'back').body).some((e) => e.op === 'unmodelled' && e.text === 'goto again;')).toBe(true);
  });

  it('ACQUIRE, scoped_cond_guard, calls tested directly and returned directly', async () => {
    const r = await extract(`static int f(struct cxl_region *cxlr, struct cxl_memdev *cxlmd)
{
	int rc;

	ACQUIRE(rwsem_write_kill, rwsem)(&cxl_rwsem.region);
	if ((rc = ACQUIRE_ERR(rwsem_write_kill, &rwsem)))
		return rc;
	scoped_cond_guard(rwsem_read_intr, return -EINTR, &cxl_rwsem.dpa) {
		set_bit(CXL_REGION_F_LOCK, &cxlr->flags);
	}
	if (devm_add_action_or_reset(&cxlmd->endpoint->dev, drop, cxlr))
		return -ENOMEM;
	return devm_add_action_or_reset(&cxlmd->dev, drop, cxlr);
}
`);
    const b = bare(noReads(fn(r, 'f').body)) as Effect[];
    expect(b[0]).toEqual({ op: 'lock', lock: 'rwsem.region', mode: 'write', scoped: true });
    expect(b.slice(2, 5)).toEqual([
      { op: 'lock', lock: 'rwsem.dpa', mode: 'read', scoped: false },
      { op: 'flag.set', obj: { role: 'region' }, flag: 'LOCK' },
      { op: 'unlock', lock: 'rwsem.dpa', mode: 'read' },
    ]);
    const add = b[5] as Extract<Effect, { op: 'devres.add' }>;
    expect(add).toMatchObject({ op: 'devres.add', host: { role: 'endpoint' }, action: 'drop', data: { role: 'region' } });
    expect(b[6]).toEqual({ op: 'if', cond: { kind: 'failed', result: add.result }, then: [{ op: 'return', error: '-ENOMEM' }], else: [] });
    expect(b.slice(7)).toEqual([
      { op: 'devres.add', host: { role: 'memdev' }, action: 'drop', data: { role: 'region' }, orReset: true, result: '__ret' },
      { op: 'return', error: null, value: '__ret' },
    ]);
    expect(r.notModelled).toEqual([]);
  });

  it('ternaries with effects become ifs; do { } while (0) runs once; dev_err_probe returns its error', async () => {
    const r = await extract(`static int t(struct cxl_region *cxlr, struct cxl_memdev *cxlmd)
{
	struct cxl_region *x = cxlmd->attach ? get_device(&cxlr->dev) : NULL;

	do {
		put_device(&cxlr->dev);
	} while (0);
	if (!x)
		return dev_err_probe(&cxlmd->dev, -ENXIO, "none\\n");
	return test_bit(CXL_REGION_F_LOCK, &cxlr->flags) ? -EBUSY : 0;
}
`);
    expect(bare(noReads(fn(r, 't').body))).toEqual([
      { op: 'if', cond: { kind: 'flag', obj: { role: 'memdev' }, flag: 'attach' }, then: [{ op: 'ref.get', obj: { role: 'region' }, scoped: false }], else: [] },
      { op: 'ref.put', obj: { role: 'region' } },
      { op: 'if', cond: { kind: 'not', cond: { kind: 'unknown', text: 'x' } }, then: [{ op: 'return', error: '-ENXIO' }], else: [] },
      { op: 'if', cond: { kind: 'flag', obj: { role: 'region' }, flag: 'LOCK' }, then: [{ op: 'return', error: '-EBUSY' }], else: [{ op: 'return', error: null }] },
    ]);
  });
});

describe('table coverage beyond the seed', () => {
  it('the root decoder range lock is regions_lock; other mutexes are not modelled', async () => {
    const r = await extract(`static int f(struct cxl_root_decoder *cxlrd, struct cxl_region *cxlr)
{
	mutex_lock(&cxlrd->range_lock);
	mutex_unlock(&cxlrd->range_lock);
	guard(mutex)(&cxlrd->range_lock);
	mutex_lock(&cxlr->other_lock);
	return 0;
}
`);
    expect(bare(fn(r, 'f').body)).toEqual([
      { op: 'lock', lock: 'regions_lock', mode: 'exclusive', scoped: false },
      { op: 'unlock', lock: 'regions_lock', mode: 'exclusive' },
      { op: 'lock', lock: 'regions_lock', mode: 'exclusive', scoped: true },
      { op: 'unmodelled', text: 'lock &cxlr->other_lock' },
      { op: 'return', error: null },
    ]);
    expect(r.notModelled.map((n) => n.text)).toEqual(['lock not modelled: &cxlr->other_lock']);
  });

  it('#ifdef CONFIG_X takes its branch, #ifndef its #else, and says so', async () => {
    const r = await extract(`static void p(struct cxl_region *cxlr)
{
#ifdef CONFIG_CXL_REGION
	set_bit(CXL_REGION_F_LOCK, &cxlr->flags);
#else
	clear_bit(CXL_REGION_F_LOCK, &cxlr->flags);
#endif
#ifndef CONFIG_OTHER
	get_device(&cxlr->dev);
#endif
}
`);
    expect(bare(fn(r, 'p').body)).toEqual([
      { op: 'flag.set', obj: { role: 'region' }, flag: 'LOCK' },
    ]);
    expect(r.notModelled.map((n) => n.text)).toEqual([
      'preprocessor: assumed #ifdef CONFIG_CXL_REGION true', 'preprocessor: assumed #ifndef CONFIG_OTHER false',
    ]);
  });

  it('CXL functions are calls even with lifetime-like names; kfree of a non-object and non-flag bits have no effect', async () => {
    const r = await extract(`static int q(struct cxl_dev_state *cxlds, unsigned long *cmds)
{
	struct cxl_memdev *cxlmd = devm_cxl_add_memdev(cxlds, NULL);
	char *buf = kzalloc(16, GFP_KERNEL);

	if (test_bit(CXL_MEM_COMMAND_ID_FOO, cmds))
		kfree(buf);
	kfree(cxlmd);
	return 0;
}
`);
    expect(bare(noReads(fn(r, 'q').body))).toEqual([
      { op: 'call', fn: 'devm_cxl_add_memdev', args: [{ role: 'pciDev' }, { unresolved: 'NULL' }], result: 'cxlmd' },
      { op: 'unmodelled', text: 'kzalloc(16, GFP_KERNEL)' },
      { op: 'if', cond: { kind: 'unknown', text: 'test_bit(CXL_MEM_COMMAND_ID_FOO, cmds)' }, then: [], else: [] },
      { op: 'unmodelled', text: 'kfree(cxlmd)' },
      { op: 'return', error: null },
    ]);
  });
});

describe('endpoint_host', () => {
  it('names the parent port and keeps endpoint_host in `via` for the model', async () => {
    const r = await extract(`static int f(struct cxl_memdev *cxlmd)
{
	struct cxl_port *endpoint = cxlmd->endpoint;
	struct device *host = endpoint_host(endpoint);

	scoped_guard(device, host)
		return devm_add_action_or_reset(host, delete_endpoint, cxlmd);
	return 0;
}
`);
    const f = fn(r, 'f');
    expect(f.body.find((e) => e.op === 'devres.add')).toMatchObject({
      host: { role: 'parentPort', via: 'endpoint_host(endpoint)' }, action: 'delete_endpoint', data: { role: 'memdev' }, orReset: true,
    });
    expect(noReads(f.body).map((e) => e.op)).toEqual(['lock', 'devres.add', 'unlock', 'return', 'return']);
  });
});

describe('resolution: reported, never guessed', () => {
  it('an object the accessor table cannot name is unresolved and listed', async () => {
    const r = await extract(`static int odd(struct cxl_region *cxlr, struct foo *foo)
{
	devm_release_action(foo->host, unregister_region, cxlr);
	devm_add_action_or_reset(cxlr->params.res->parent, unregister_region, cxlr);
	set_bit(CXL_REGION_F_LOCK, &foo->flags);
	return 0;
}
`);
    const f = fn(r, 'odd');
    expect(f.body.find((e) => e.op === 'devres.release')).toMatchObject({ host: { unresolved: 'foo->host' }, data: { role: 'region' } });
    expect(f.body.find((e) => e.op === 'devres.add')).toMatchObject({ host: { unresolved: 'cxlr->params.res->parent' } });
    expect(f.body.find((e) => e.op === 'flag.set')).toMatchObject({ obj: { unresolved: 'foo' }, flag: 'LOCK' });
    expect(f.unresolved).toEqual([
      { text: 'foo->host', line: 3 }, { text: 'cxlr->params.res->parent', line: 4 }, { text: 'foo', line: 5 },
    ]);
    expect(r.notModelled.filter((n) => n.text.startsWith('unresolved:')).map((n) => n.text)).toEqual([
      'unresolved: foo->host', 'unresolved: cxlr->params.res->parent', 'unresolved: foo',
    ]);
  });

  it('a generic struct device parameter stays generic unless the body converts it one way', async () => {
    const r = await extract(`static int two(struct device *dev, struct device *other)
{
	struct cxl_region *cxlr = to_cxl_region(dev);

	if (is_cxl_region(other))
		return to_cxl_region(other) ? 0 : 1;
	if (is_cxl_memdev(other))
		return to_cxl_memdev(other) ? 0 : 1;
	device_release_driver(&cxlr->dev);
	return 0;
}
`);
    const f = fn(r, 'two');
    expect(f.params).toEqual([{ name: 'dev', role: 'region' }, { name: 'other', role: 'device' }]);
    expect(f.body.find((e) => e.op === 'call')).toMatchObject({ fn: 'device_release_driver', args: [{ role: 'region' }] });
  });

  it('a lookup whose parent the table does not cover is unresolved', async () => {
    const r = await extract(`static int find(struct cxl_region *cxlr)
{
	struct device *dev __free(put_device) = device_find_child(&cxlr->dev, NULL, match_any);

	return dev ? 0 : -ENODEV;
}
`);
    const f = fn(r, 'find');
    expect(f.body[0]).toMatchObject({ op: 'ref.get', obj: { unresolved: 'device_find_child(&cxlr->dev, NULL, match_any)' }, scoped: true });
    expect(f.unresolved).toHaveLength(1);
  });

  it('an unknown guard class or lock is not modelled', async () => {
    const r = await extract(`static void g(struct cxl_region *cxlr)
{
	guard(mutex)(&cxlr->lock);
	down_write(&some_other_sem);
}
`);
    expect(bare(fn(r, 'g').body)).toEqual([
      { op: 'unmodelled', text: 'guard(mutex)(&cxlr->lock)' },
      { op: 'unmodelled', text: 'lock &some_other_sem' },
    ]);
    expect(r.notModelled).toHaveLength(2);
  });
});
