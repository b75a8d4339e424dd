/* eslint-disable @typescript-eslint/no-non-null-assertion -- typed arrays and id maps are read within bounds by construction */
/**
 * A residual flow network in compressed sparse row form: every arc is stored twice (forward and
 * reverse) in typed arrays, grouped by tail node, so the solvers' hot loops touch no objects.
 */
export interface FlowGraph {
  readonly nodeCount: number;
  /** Residual arcs of node `u` are `firstOut[u] … firstOut[u + 1] - 1`. */
  readonly firstOut: Int32Array;
  readonly head: Int32Array;
  /** Index of the paired residual arc (forward ↔ reverse). */
  readonly pair: Int32Array;
  /** Residual capacity; the flow on a forward arc is the residual capacity of its pair. */
  readonly residual: Int32Array;
  /** Integer cost per unit; a reverse arc costs the negated forward cost. */
  readonly cost: Float64Array;
}

/**
 * Collects arcs (no self-loops), then lays them out as a `FlowGraph`. A node's arcs keep the order they
 * were added in.
 */
export class FlowGraphBuilder {
  private readonly tails: Int32Array;
  private readonly heads: Int32Array;
  private readonly capacities: Int32Array;
  private readonly costs: Float64Array;
  private arcCount = 0;

  constructor(
    readonly nodeCount: number,
    maxArcs: number,
  ) {
    this.tails = new Int32Array(maxArcs);
    this.heads = new Int32Array(maxArcs);
    this.capacities = new Int32Array(maxArcs);
    this.costs = new Float64Array(maxArcs);
  }

  /** Adds an arc and returns its id; `build()` maps ids to residual positions. */
  addArc(tail: number, head: number, capacity: number, cost: number): number {
    const id = this.arcCount++;
    this.tails[id] = tail;
    this.heads[id] = head;
    this.capacities[id] = capacity;
    this.costs[id] = cost;
    return id;
  }

  /** The graph, and for each arc id the position of its forward residual arc. */
  build(): { graph: FlowGraph; forward: Int32Array } {
    const n = this.nodeCount;
    const m = this.arcCount;
    const firstOut = new Int32Array(n + 1);
    for (let id = 0; id < m; id++) {
      firstOut[this.tails[id]! + 1]!++;
      firstOut[this.heads[id]! + 1]!++;
    }
    for (let u = 0; u < n; u++) firstOut[u + 1]! += firstOut[u]!;
    const next = firstOut.slice(0, n);
    const head = new Int32Array(2 * m);
    const pair = new Int32Array(2 * m);
    const residual = new Int32Array(2 * m);
    const cost = new Float64Array(2 * m);
    const forward = new Int32Array(m);
    for (let id = 0; id < m; id++) {
      const u = this.tails[id]!;
      const v = this.heads[id]!;
      const f = next[u]!++;
      const r = next[v]!++;
      head[f] = v;
      head[r] = u;
      pair[f] = r;
      pair[r] = f;
      residual[f] = this.capacities[id]!;
      cost[f] = this.costs[id]!;
      cost[r] = -this.costs[id]!;
      forward[id] = f;
    }
    return { graph: { nodeCount: n, firstOut, head, pair, residual, cost }, forward };
  }
}

/** The flow on a forward arc. */
export function flowOn(graph: FlowGraph, forwardArc: number): number {
  return graph.residual[graph.pair[forwardArc]!]!;
}
