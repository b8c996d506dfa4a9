// The seed series (cxl: Region attach for accelerators): the effects each
// patch's changed functions are extracted to, with post-image line numbers.
import { describe, expect, it } from 'vitest';
import type { Effect } from '../../../services/model/core/effects.js';
import { bare, extractSeed, flat, fn } from './seed.js';

const line = (e: Effect | undefined): number | undefined => e?.loc?.line;

describe('patch 1: devm_cxl_add_memdev', () => {
  it('opens a group on the PCI device, calls __devm_cxl_add_memdev, releases or removes the group', async () => {
    const r = await extractSeed(1);
    const f = fn(r, 'devm_cxl_add_memdev');
    expect(f).toMatchObject({ partial: false, file: 'drivers/cxl/mem.c', startLine: 201, endLine: 217, source: 'patch' });
    expect(f.params).toEqual([{ name: 'cxlds', role: 'pciDev' }, { name: 'attach', role: 'attach' }]);
    const body = f.body.filter((e) => e.op !== 'read');
    expect(bare(body[0])).toEqual({ op: 'group.open', host: { role: 'pciDev' }, group: 'group', result: 'group' });
    expect(line(body[0])).toBe(207);
    expect(bare(body[1])).toEqual({ op: 'if', cond: { kind: 'failed', result: 'group' }, then: [{ op: 'return', error: '-ENOMEM' }], else: [] });
    expect(bare(body[2])).toEqual({ op: 'call', fn: '__devm_cxl_add_memdev', args: [{ role: 'pciDev' }, { role: 'attach' }], result: 'cxlmd' });
    expect(line(body[2])).toBe(211);
    const branch = body[3] as Extract<Effect, { op: 'if' }>;
    expect(branch.cond).toEqual({ kind: 'failed', result: 'cxlmd' });
    expect(bare(branch.then.filter((e) => e.op !== 'read'))).toEqual([{ op: 'group.release', host: { role: 'pciDev' }, group: 'group' }]);
    expect(bare(branch.else.filter((e) => e.op !== 'read'))).toEqual([{ op: 'group.remove', host: { role: 'pciDev' }, group: 'group' }]);
    expect(line(branch.then.find((e) => e.op === 'group.release'))).toBe(213);
    expect(line(branch.else.find((e) => e.op === 'group.remove'))).toBe(215);
    expect(bare(body[4])).toEqual({ op: 'return', error: null, value: 'cxlmd' });
    expect(f.unresolved).toEqual([]);
    expect(r.notModelled).toEqual([]);
  });
});

describe('patch 2: commit_store', () => {
  it('is seen in part: LOCK test returns -EBUSY, the rest is reported not modelled', async () => {
    const r = await extractSeed(2);
    const f = fn(r, 'commit_store');
    expect(f.partial).toBe(true);
    const lock = flat(f.body).find((e) => e.op === 'if' && e.cond.kind === 'flag');
    expect(lock).toMatchObject({ cond: { kind: 'flag', flag: 'LOCK', obj: { unresolved: 'cxlr' } }, then: [{ op: 'return', error: '-EBUSY' }] });
    expect(line(lock)).toBe(428);
    expect(f.unresolved).toEqual([{ text: 'cxlr', line: 428 }]);
    expect(r.notModelled.map((n) => n.text)).toContain('unresolved: cxlr');
    expect(r.notModelled.some((n) => /only part of the function/.test(n.text))).toBe(true);
  });
});

describe('patch 3: delete_region_store', () => {
  it('scoped lookup, unlocked LOCK test, devm_release_action on the root port uport_dev', async () => {
    const r = await extractSeed(3);
    const f = fn(r, 'delete_region_store');
    expect(f.partial).toBe(false);
    expect(f.params[0]).toEqual({ name: 'dev', role: 'rootDecoder' });
    const body = f.body.filter((e) => e.op !== 'read');
    expect(bare(body[0])).toEqual({ op: 'ref.get', obj: { role: 'region' }, scoped: true, result: 'cxlr' });
    expect(line(body[0])).toBe(2773);
    expect(bare(body[1])).toEqual({ op: 'if', cond: { kind: 'failed', result: 'cxlr' }, then: [{ op: 'return', error: null, value: 'cxlr' }], else: [] });
    expect(bare(body[2])).toEqual({ op: 'if', cond: { kind: 'flag', obj: { role: 'region' }, flag: 'LOCK' }, then: [{ op: 'return', error: '-EBUSY' }], else: [] });
    expect(line(body[2])).toBe(2777);
    expect(body[3]).toMatchObject({
      op: 'devres.release', host: { role: 'acpi', via: 'port->uport_dev' }, action: 'unregister_region', data: { role: 'region' },
      loc: { file: 'drivers/cxl/core/region.c', line: 2780, text: 'devm_release_action(port->uport_dev, unregister_region, cxlr);' },
    });
    expect(bare(body[4])).toEqual({ op: 'return', error: null });
    // no lock is taken anywhere in the function (the concern of patch 3)
    expect(flat(f.body).some((e) => e.op === 'lock')).toBe(false);
    expect(r.notModelled).toEqual([]);
  });
});

describe('patch 4: region attach', () => {
  it('cxl_endpoint_region_autoremove reads region->cxlrd, then releases unregister_region on P', async () => {
    const r = await extractSeed(4);
    const f = fn(r, 'cxl_endpoint_region_autoremove');
    expect(f).toMatchObject({ partial: false, startLine: 4260, endLine: 4267 });
    expect(f.params).toEqual([{ name: '_cxlr', role: 'region' }]);
    const readAt = f.body.findIndex((e) => e.op === 'read' && 'role' in e.obj && e.obj.role === 'region' && e.field === 'cxlrd');
    const relAt = f.body.findIndex((e) => e.op === 'devres.release');
    expect(readAt).toBeGreaterThanOrEqual(0);
    expect(relAt).toBeGreaterThan(readAt);
    expect(line(f.body[readAt])).toBe(4263);
    // cxlrd_to_port() loads the root decoder's parent: a read of RD, not of the region
    expect(f.body.slice(readAt + 1, relAt).map(bare)).toEqual([
      { op: 'read', obj: { role: 'rootDecoder' }, field: 'cxlsd.cxld.dev.parent' },
      { op: 'read', obj: { role: 'root' }, field: 'uport_dev' },
    ]);
    expect(bare(f.body[relAt])).toEqual({ op: 'devres.release', host: { role: 'acpi' }, action: 'unregister_region', data: { role: 'region' } });
    expect(f.body[relAt]).toMatchObject({ host: { via: 'port->uport_dev' }, loc: { line: 4266 } });
    expect(f.unresolved).toEqual([]);
  });

  it('cxl_memdev_attach_region: locks, driver check, scoped lookup, autoremove on the endpoint', async () => {
    const r = await extractSeed(4);
    const f = fn(r, 'cxl_memdev_attach_region');
    expect(f).toMatchObject({ partial: false, startLine: 4273, endLine: 4329, params: [{ name: 'cxlmd', role: 'memdev' }] });
    const body = f.body.filter((e) => e.op !== 'read');
    expect(bare(body[0])).toEqual({ op: 'lock', lock: 'device', obj: { role: 'endpoint' }, mode: 'exclusive', scoped: true });
    expect(line(body[0])).toBe(4283);
    expect(bare(body[1])).toEqual({
      op: 'if', cond: { kind: 'not', cond: { kind: 'bound', obj: { role: 'endpoint' } } }, then: [{ op: 'return', error: '-ENXIO' }], else: [],
    });
    expect(bare(body[2])).toEqual({ op: 'lock', lock: 'rwsem.region', mode: 'read', scoped: true });
    expect(bare(body[3])).toEqual({ op: 'lock', lock: 'rwsem.dpa', mode: 'read', scoped: true });
    expect([line(body[2]), line(body[3])]).toEqual([4286, 4287]);
    expect(bare(body[4])).toEqual({ op: 'ref.get', obj: { role: 'endpointDecoder' }, scoped: true, result: 'dev' });
    expect(line(body[4])).toBe(4294);
    expect(body[5]).toMatchObject({ op: 'if', cond: { kind: 'failed', result: 'dev' } });
    expect((body[5] as Extract<Effect, { op: 'if' }>).then.at(-1)).toMatchObject({ op: 'return', error: '-ENXIO', loc: { line: 4299 } });
    expect(body[6]).toMatchObject({ op: 'if', cond: { kind: 'not', cond: { kind: 'flag', obj: { role: 'region' }, flag: 'committed' } } });
    expect(body[7]).toMatchObject({ op: 'if', cond: { kind: 'unknown', text: 'cxlr->params.nr_targets > 1' } });
    expect(bare(body[8])).toEqual({
      op: 'devres.add', host: { role: 'endpoint' }, action: 'cxl_endpoint_region_autoremove', data: { role: 'region' }, orReset: true, result: 'rc',
    });
    expect(line(body[8])).toBe(4319);
    expect(bare(body[9])).toEqual({ op: 'if', cond: { kind: 'failed', result: 'rc' }, then: [{ op: 'return', error: null, value: 'rc' }], else: [] });
    expect(body[10]).toMatchObject({ op: 'write', obj: { role: 'attach' }, field: 'region', value: { role: 'region' }, loc: { line: 4324 } });
    expect(bare(body[11])).toEqual({ op: 'return', error: null });
    expect(f.unresolved).toEqual([]);
  });

  it('reads the region through the endpoint decoder, and region fields after the lookup', async () => {
    const f = fn(await extractSeed(4), 'cxl_memdev_attach_region');
    const reads = flat(f.body).filter((e) => e.op === 'read').map((e) => `${'role' in e.obj ? e.obj.role : '?'}.${e.field}@${line(e)}`);
    expect(reads).toEqual(expect.arrayContaining([
      'memdev.attach@4276', 'memdev.endpoint@4277', 'endpoint.dev.driver@4284', 'endpointDecoder.cxld.region@4303',
      'region.params.state@4305', 'region.params.nr_targets@4312', 'region.params.res@4325',
    ]));
  });

  it('cxl_region_setup_flags: LOCK when the memdev has attach; seen in part; cxld not resolvable', async () => {
    const r = await extractSeed(4);
    const f = fn(r, 'cxl_region_setup_flags');
    expect(f.partial).toBe(true);
    const attach = flat(f.body).find((e) => e.op === 'if' && e.cond.kind === 'flag' && e.cond.flag === 'attach');
    expect(attach).toMatchObject({ cond: { obj: { role: 'memdev' } }, then: [{ op: 'flag.set', obj: { role: 'region' }, flag: 'LOCK', loc: { line: 1136 } }] });
    expect(f.unresolved).toEqual([{ text: 'cxld', line: 1139 }]);
  });

  it('cxl_region_has_memdev_attach and cxl_region_probe', async () => {
    const r = await extractSeed(4);
    const has = fn(r, 'cxl_region_has_memdev_attach');
    expect(has.partial).toBe(false);
    expect(flat(has.body).some((e) => e.op === 'if' && e.cond.kind === 'flag' && e.cond.flag === 'attach')).toBe(true);
    const probe = fn(r, 'cxl_region_probe');
    expect(probe).toMatchObject({ partial: true, params: [{ name: 'dev', role: 'region' }] });
    expect(probe.body.find((e) => e.op === 'call')).toMatchObject({ fn: 'cxl_region_has_memdev_attach', args: [{ role: 'region' }], loc: { line: 4382 } });
    // a CXL function: a call the model runs if it knows it, not "unmodelled"
    expect(flat(probe.body).find((e) => e.op === 'call' && e.fn === 'devm_cxl_region_edac_register')).toMatchObject({ loc: { line: 4387 } });
    expect(r.notModelled).toEqual(expect.arrayContaining([
      expect.objectContaining({ fn: 'cxl_region_probe', text: 'cxl_region_probe: only part of the function is visible in the patch' }),
    ]));
  });

  it('extracts exactly the changed functions (not cxl_region_can_probe, whose tail is context)', async () => {
    const r = await extractSeed(4);
    expect(r.functions.map((f) => f.name)).toEqual([
      'cxl_region_setup_flags', 'first_mapped_decoder', 'cxl_endpoint_region_autoremove', 'cxl_memdev_attach_region',
      'cxl_region_has_memdev_attach', 'cxl_region_probe',
    ]);
  });
});
