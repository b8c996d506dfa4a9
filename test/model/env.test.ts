// Which patched functions the model takes: complete bodies only, and a
// built-in is replaced only by a body whose calls the model knows.
import { describe, expect, it } from 'vitest';
import type { FunctionEffects } from '../../services/model/core/effects.js';
import { buildEnv } from '../../services/model/core/env.js';
import { vhSwitchAccel } from '../../services/model/scenarios/index.js';

const fx = (name: string, calls: string[], partial = false): FunctionEffects => ({
  name, params: [], body: calls.map((c) => ({ op: 'call', fn: c, args: [] })), source: 'patch', unresolved: [], ...(partial ? { partial } : {}),
});

describe('buildEnv', () => {
  it('overlays complete functions, keeps built-ins against partial or unknown-calling bodies', () => {
    const { env, notModelled } = buildEnv(vhSwitchAccel.topology, {
      id: 'v', label: 'v', functions: {
        brand_new: fx('brand_new', ['not_a_kernel_fn']),
        cxl_mem_probe: fx('cxl_mem_probe', ['devm_cxl_add_endpoint']),
        delete_endpoint: fx('delete_endpoint', ['device_del']),
        commit_store: fx('commit_store', [], true),
      },
    });
    expect(env.fns.brand_new?.source).toBe('patch');
    expect(env.fns.delete_endpoint?.source).toBe('patch');
    expect(env.fns.cxl_mem_probe?.source).toBe('builtin');
    expect(env.fns.commit_store?.source).toBe('builtin');
    expect(notModelled.map((n) => n.name).sort()).toEqual(['commit_store', 'cxl_mem_probe']);
    expect(notModelled.find((n) => n.name === 'cxl_mem_probe')?.reason).toMatch(/devm_cxl_add_endpoint/);
  });
});
