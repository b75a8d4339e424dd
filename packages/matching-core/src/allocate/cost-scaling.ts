/* eslint-disable @typescript-eslint/no-non-null-assertion -- typed arrays and id maps are read within bounds by construction */
import { MatchingError } from '../errors.ts';
import type { FlowGraph } from './flow-graph.ts';

/** Work counters of one solve, for benchmarks and tests of the solver itself. */
export interface CostScalingStats {
  refines: number;
  pushes: number;
  relabels: number;
  priceUpdates: number;
  /** Optimality certificates tried (the last one that succeeded ended the solve early). */
  certificates: number;
}

/**
 * Minimum-cost circulation by cost scaling (Goldberg & Tarjan's push-relabel, with Goldberg's global
 * price updates): changes the flow already in `graph` into one of least total cost among all flows with
 * the same node balances. The flow in `graph` must be feasible on entry; its residuals are updated in
 * place.
 *
 * Exact for integer costs: costs are multiplied by n + 1, so the last phase (ε = 1) leaves a flow that is
 * ε-optimal for ε < 1/n in the original costs, hence optimal; once ε is small, an exact certificate (see
 * `certifiesOptimal`) usually ends the solve phases earlier. All arithmetic is on integers below 2^53
 * (checked: prices move by at most 3nε per phase), which holds up to about 470 k nodes at costs ≤ 10^4.
 * Node and arc order fix every choice, so equal inputs give equal flows. The graph has no self-loops.
 */
export function minCostCirculation(graph: FlowGraph, alpha = 12): CostScalingStats {
  const { nodeCount: n, firstOut } = graph;
  const stats: CostScalingStats = { refines: 0, pushes: 0, relabels: 0, priceUpdates: 0, certificates: 0 };
  const arcs = graph.head.length;
  if (n === 0 || arcs === 0) return stats;

  // Working copies. Within each node's range, arcs with residual capacity are kept first
  // (`firstOut[u] … bound[u] - 1`), so pushes and relabels never scan saturated arcs: a slot has an
  // arc to every eligible agent, but residual ones only to the few it holds.
  const head = graph.head.slice();
  const pair = graph.pair.slice();
  const res = graph.residual.slice();
  const origin = new Int32Array(arcs);
  const cost = new Float64Array(arcs);
  const scale = n + 1;
  let maxCost = 0;
  for (let e = 0; e < arcs; e++) {
    origin[e] = e;
    cost[e] = graph.cost[e]! * scale;
    if (cost[e]! > maxCost) maxCost = cost[e]!;
  }
  // Prices fall by at most 3nε per phase and the ε form a geometric series from maxCost: stay exact.
  if (4 * n * maxCost >= Number.MAX_SAFE_INTEGER) {
    throw new MatchingError(
      'PROBLEM_TOO_LARGE',
      `an exact allocation over ${n} nodes with costs up to ${maxCost / scale} exceeds safe integers; ` +
        'split it (e.g. by county)',
    );
  }
  // resPair[e] mirrors res[pair[e]], so the price update reads the arcs into a node in sequence.
  const resPair = new Int32Array(arcs);
  for (let e = 0; e < arcs; e++) resPair[e] = res[pair[e]!]!;

  const swap = (x: number, y: number): void => {
    const h = head[x]!;
    head[x] = head[y]!;
    head[y] = h;
    const c = cost[x]!;
    cost[x] = cost[y]!;
    cost[y] = c;
    const r = res[x]!;
    res[x] = res[y]!;
    res[y] = r;
    const rp = resPair[x]!;
    resPair[x] = resPair[y]!;
    resPair[y] = rp;
    const o = origin[x]!;
    origin[x] = origin[y]!;
    origin[y] = o;
    const px = pair[x]!;
    const py = pair[y]!;
    pair[x] = py;
    pair[y] = px;
    pair[py] = x;
    pair[px] = y;
  };
  const bound = new Int32Array(n);
  for (let u = 0; u < n; u++) {
    let b = firstOut[u]!;
    for (let e = b, end = firstOut[u + 1]!; e < end; e++) {
      if (res[e]! > 0) {
        if (e !== b) swap(e, b);
        b++;
      }
    }
    bound[u] = b;
  }
  /** Arc e (tail u) just lost its residual capacity: move it behind the residual arcs. */
  const retire = (e: number, u: number): void => {
    const last = --bound[u]!;
    if (e !== last) swap(e, last);
  };
  /** Arc e (tail v) just gained residual capacity: move it to the end of the residual arcs. */
  const admit = (e: number, v: number): void => {
    const b = bound[v]!++;
    if (e !== b) swap(e, b);
  };

  // Start each node at the price of its most profitable residual arc (targets at 0), so the first phase
  // does not saturate every negative arc at once; ε starts at the largest violation left.
  const price = new Float64Array(n);
  for (let u = 0; u < n; u++) {
    let best = 0;
    for (let e = firstOut[u]!, end = bound[u]!; e < end; e++) if (-cost[e]! > best) best = -cost[e]!;
    price[u] = best;
  }
  let violation = 0;
  for (let u = 0; u < n; u++) {
    for (let e = firstOut[u]!, end = bound[u]!; e < end; e++) {
      violation = Math.max(violation, -(cost[e]! + price[u]! - price[head[e]!]!));
    }
  }
  if (violation === 0) return stats;

  const excess = new Int32Array(n);
  const current = new Int32Array(n);
  // Stack of active nodes (excess > 0); a node is on it at most once. Last in, first out: a slot that
  // just received a unit passes one on at once, as the double push of assignment codes does.
  const stack = new Int32Array(n);
  const stacked = new Uint8Array(n);
  let top = 0;
  const activate = (v: number): void => {
    if (stacked[v] === 1) return;
    stacked[v] = 1;
    stack[top++] = v;
  };

  // Bucket queue for global price updates: ranks are small integers, ranks above n are not kept.
  const maxRank = n;
  const bucketFirst = new Int32Array(maxRank + 1).fill(-1);
  const bucketNext = new Int32Array(n);
  const bucketPrev = new Int32Array(n);
  const rank = new Float64Array(n);
  const settled = new Uint8Array(n);
  // Arcs scanned by pushes and relabels between two global price updates: a few updates' own work.
  const updateEvery = 3 * (arcs + n);
  let work = 0;

  const bucketRemove = (v: number, r: number): void => {
    const prev = bucketPrev[v]!;
    const next = bucketNext[v]!;
    if (prev === -1) bucketFirst[r] = next;
    else bucketNext[prev] = next;
    if (next !== -1) bucketPrev[next] = prev;
  };
  const bucketInsert = (v: number, r: number): void => {
    const first = bucketFirst[r]!;
    bucketPrev[v] = -1;
    bucketNext[v] = first;
    if (first !== -1) bucketPrev[first] = v;
    bucketFirst[r] = v;
  };

  /**
   * Global price update: ranks every node by its distance, in units of ε, to a node with a deficit
   * along residual arcs (Dial's buckets over reversed arcs, stopped once every active node is ranked),
   * then lowers prices by rank·ε. Keeps ε-optimality and points every active node down a path to a
   * deficit. Nodes left unranked get the last rank scanned, which is at most their distance.
   */
  const updatePrices = (eps: number): void => {
    stats.priceUpdates++;
    let activeLeft = 0;
    for (let v = 0; v < n; v++) {
      settled[v] = 0;
      rank[v] = Infinity;
      const ex = excess[v]!;
      if (ex > 0) activeLeft++;
      else if (ex < 0) {
        rank[v] = 0;
        bucketInsert(v, 0);
      }
    }
    let level = 0;
    for (; level <= maxRank && activeLeft > 0; level++) {
      for (let v = bucketFirst[level]!; v !== -1; v = bucketFirst[level]!) {
        bucketFirst[level] = bucketNext[v]!;
        if (bucketFirst[level] !== -1) bucketPrev[bucketFirst[level]!] = -1;
        settled[v] = 1;
        if (excess[v]! > 0 && --activeLeft === 0) break;
        const pv = price[v]!;
        for (let e = firstOut[v]!, end = firstOut[v + 1]!; e < end; e++) {
          // The arc u → v is e's pair and costs −cost[e]. Settled nodes never improve (rank ≤ level).
          if (resPair[e]! === 0) continue;
          const u = head[e]!;
          const reduced = price[u]! - pv - cost[e]!;
          const candidate = level + (reduced < 0 ? 0 : Math.floor(reduced / eps) + 1);
          const old = rank[u]!;
          if (candidate < old && candidate <= maxRank) {
            if (old !== Infinity) bucketRemove(u, old);
            rank[u] = candidate;
            bucketInsert(u, candidate);
          }
        }
      }
      if (activeLeft === 0) break;
    }
    // Empty the buckets for the next update.
    for (let r = level; r <= maxRank; r++) bucketFirst[r] = -1;
    if (level > maxRank) level = maxRank;
    for (let v = 0; v < n; v++) {
      price[v]! -= (settled[v] === 1 ? rank[v]! : level) * eps;
      current[v] = firstOut[v]!;
    }
  };

  let eps = violation;

  /** Lowers u's price just enough that its cheapest residual arc becomes admissible. */
  const relabel = (u: number): number => {
    const start = firstOut[u]!;
    const end = bound[u]!;
    if (end === start)
      throw new MatchingError('INTERNAL', 'cost scaling: an active node has no residual arc');
    let best = -Infinity;
    for (let f = start; f < end; f++) {
      const t = price[head[f]!]! - cost[f]!;
      if (t > best) best = t;
    }
    const pu = best - eps;
    price[u] = pu;
    current[u] = start;
    stats.relabels++;
    work += end - start;
    return pu;
  };

  /**
   * Look-ahead (Goldberg's CS2): whether v can pass a unit on; relabels v when it cannot. A node with no
   * residual arc at all (a slot without capacity) cannot be relabeled yet: the unit comes straight back.
   */
  const canPassOn = (v: number): boolean => {
    const pv = price[v]!;
    const end = bound[v]!;
    if (end === firstOut[v]) return true;
    let f = current[v]!;
    const from = f;
    while (f < end && cost[f]! + pv - price[head[f]!]! >= 0) f++;
    work += f - from;
    if (f < end) {
      current[v] = f;
      return true;
    }
    relabel(v);
    return false;
  };

  /**
   * Exact optimality certificate, tried once ε is below a few cost units: with integer potentials
   * derived from the prices, a Bellman-Ford (FIFO) pass over residual arcs in original costs either
   * settles, which proves there is no negative cycle (the flow is optimal and the remaining phases would
   * only shuffle ties), or runs out of its budget, and scaling goes on.
   */
  const potential = new Float64Array(n);
  const shift = new Float64Array(n);
  const ring = new Int32Array(n);
  const inRing = new Uint8Array(n);
  const certifiesOptimal = (): boolean => {
    stats.certificates++;
    for (let u = 0; u < n; u++) {
      potential[u] = Math.round(price[u]! / scale);
      shift[u] = 0;
      ring[u] = u;
      inRing[u] = 1;
    }
    let qHead = 0;
    let qTail = 0; // the ring starts full
    let size = n;
    let budget = 2 * (arcs + n);
    while (size > 0) {
      const u = ring[qHead]!;
      if (++qHead === n) qHead = 0;
      size--;
      inRing[u] = 0;
      const du = shift[u]! + potential[u]!;
      const end = bound[u]!;
      budget -= end - firstOut[u]! + 1;
      if (budget < 0) return false;
      for (let e = firstOut[u]!; e < end; e++) {
        const v = head[e]!;
        const candidate = du + cost[e]! / scale - potential[v]!;
        if (candidate < shift[v]!) {
          shift[v] = candidate;
          if (inRing[v] === 0) {
            inRing[v] = 1;
            ring[qTail] = v;
            if (++qTail === n) qTail = 0;
            size++;
          }
        }
      }
    }
    return true;
  };

  do {
    eps = Math.max(1, Math.floor(eps / alpha));
    stats.refines++;
    // Saturate every arc that is not ε-optimal any more; this creates excesses and deficits.
    for (let u = 0; u < n; u++) {
      const pu = price[u]!;
      for (let e = firstOut[u]!; e < bound[u]!;) {
        const v = head[e]!;
        if (cost[e]! + pu - price[v]! >= 0) {
          e++;
          continue;
        }
        const r = res[e]!;
        const back = pair[e]!;
        const before = res[back]!;
        res[e] = 0;
        res[back] = before + r;
        resPair[back] = 0;
        resPair[e] = before + r;
        excess[u]! -= r;
        excess[v]! += r;
        if (before === 0) admit(back, v);
        retire(e, u); // another residual arc now sits at e
      }
    }
    top = 0;
    for (let u = n - 1; u >= 0; u--) {
      current[u] = firstOut[u]!;
      if (excess[u]! > 0) activate(u);
    }
    if (top > 0) updatePrices(eps);
    work = 0;
    while (top > 0) {
      if (work >= updateEvery) {
        updatePrices(eps);
        work = 0;
      }
      const u = stack[--top]!;
      stacked[u] = 0;
      let ex = excess[u]!;
      if (ex <= 0) continue;
      const start = firstOut[u]!;
      let e = current[u]!;
      let pu = price[u]!;
      for (;;) {
        const from = e;
        while (e < bound[u]!) {
          const v = head[e]!;
          if (
            cost[e]! + pu - price[v]! >= 0 ||
            (excess[v]! >= 0 && !canPassOn(v) && cost[e]! + pu - price[v]! >= 0)
          ) {
            e++;
            continue;
          }
          const r = res[e]!;
          const d = ex < r ? ex : r;
          const back = pair[e]!;
          const before = res[back]!;
          res[e] = r - d;
          res[back] = before + d;
          resPair[back] = r - d;
          resPair[e] = before + d;
          const vExcess = excess[v]!;
          excess[v] = vExcess + d;
          if (vExcess <= 0 && vExcess + d > 0) activate(v);
          if (before === 0) admit(back, v);
          if (r === d) retire(e, u); // another residual arc now sits at e
          stats.pushes++;
          ex -= d;
          if (ex === 0) break;
        }
        work += e - from + 1;
        if (ex === 0) break;
        pu = relabel(u);
        e = start;
      }
      excess[u] = 0;
      current[u] = e;
    }
    if (eps > 1 && eps <= 16 * scale && certifiesOptimal()) break;
  } while (eps > 1);

  for (let e = 0; e < arcs; e++) graph.residual[origin[e]!] = res[e]!;
  return stats;
}
