/* eslint-disable @typescript-eslint/no-non-null-assertion -- typed arrays and id maps are read within bounds by construction */
import type { FlowGraph } from './flow-graph.ts';

/**
 * Augments the flow already in `graph` by a maximum flow from `source` to `sink` (Dinic's blocking
 * flows), in place, and returns how much it added. Paths never pass through the sink, and they never
 * enter the source again, so the flow on the source's own arcs can only grow.
 */
export function augmentMaxFlow(graph: FlowGraph, source: number, sink: number): number {
  const { nodeCount: n, firstOut, head, pair, residual: res } = graph;
  const level = new Int32Array(n);
  const current = new Int32Array(n);
  const queue = new Int32Array(n);
  const pathNodes = new Int32Array(n + 1);
  const pathArcs = new Int32Array(n + 1);
  let added = 0;

  const levelGraph = (): boolean => {
    level.fill(-1);
    level[source] = 0;
    let qh = 0;
    let qt = 0;
    queue[qt++] = source;
    while (qh < qt) {
      const u = queue[qh++]!;
      if (u === sink) continue;
      const next = level[u]! + 1;
      for (let e = firstOut[u]!, end = firstOut[u + 1]!; e < end; e++) {
        const v = head[e]!;
        if (res[e]! > 0 && level[v] === -1) {
          level[v] = next;
          queue[qt++] = v;
        }
      }
    }
    return level[sink] !== -1;
  };

  while (levelGraph()) {
    for (let u = 0; u < n; u++) current[u] = firstOut[u]!;
    let depth = 0;
    pathNodes[0] = source;
    for (;;) {
      const u = pathNodes[depth]!;
      if (u === sink) {
        let bottleneck = Infinity;
        for (let i = 0; i < depth; i++) bottleneck = Math.min(bottleneck, res[pathArcs[i]!]!);
        let retreatTo = depth;
        for (let i = 0; i < depth; i++) {
          const e = pathArcs[i]!;
          res[e]! -= bottleneck;
          res[pair[e]!]! += bottleneck;
          if (res[e] === 0 && retreatTo === depth) retreatTo = i;
        }
        added += bottleneck;
        depth = retreatTo;
        continue;
      }
      const end = firstOut[u + 1]!;
      const want = level[u]! + 1;
      let e = current[u]!;
      while (e < end && (res[e] === 0 || level[head[e]!] !== want)) e++;
      current[u] = e;
      if (e < end) {
        pathArcs[depth] = e;
        pathNodes[++depth] = head[e]!;
        continue;
      }
      // Dead end: no path to the sink through u in this level graph.
      level[u] = -1;
      if (depth === 0) break;
      depth--;
      current[pathNodes[depth]!]!++;
    }
  }
  return added;
}
