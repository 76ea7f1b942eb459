/** DBSCAN's label for a point in no cluster (an outlier). */
export const NOISE = -1;

/**
 * DBSCAN (Ester et al., KDD 1996) over n points given only by a neighbour test, so callers never
 * form an n×n distance matrix (IRWO's per-sample gradient distances come from a factored Gram
 * matrix). A point with at least `minPts` neighbours, itself included (scikit-learn's
 * min_samples), is a core point; clusters are the core points reachable from one another plus
 * the border points next to them; the rest are labelled {@link NOISE}. Labels are 0, 1, … in
 * order of discovery, deterministic for a given order of points. O(n²) neighbour tests.
 */
export function dbscan(n: number, minPts: number, isNeighbour: (a: number, b: number) => boolean): Int32Array {
  const UNSEEN = -2;
  const labels = new Int32Array(n).fill(UNSEEN);
  const neighbours = (p: number): number[] => {
    const out: number[] = [];
    for (let q = 0; q < n; q++) if (q === p || isNeighbour(p, q)) out.push(q);
    return out;
  };
  // A point waits in at most one cluster's queue: without this a dense cluster queues O(n²) entries.
  const queued = new Uint8Array(n);
  let cluster = 0;
  for (let p = 0; p < n; p++) {
    if (labels[p] !== UNSEEN) continue;
    const seeds = neighbours(p);
    if (seeds.length < minPts) {
      labels[p] = NOISE; // may still become a border point of a later cluster
      continue;
    }
    labels[p] = cluster;
    const queue = seeds.filter((q) => q !== p);
    for (const q of queue) queued[q] = 1;
    for (let k = 0; k < queue.length; k++) {
      const q = queue[k];
      if (labels[q] === NOISE) labels[q] = cluster; // a border point
      if (labels[q] !== UNSEEN) continue;
      labels[q] = cluster;
      const reach = neighbours(q);
      if (reach.length < minPts) continue;
      for (const r of reach) {
        if (queued[r] || (labels[r] !== UNSEEN && labels[r] !== NOISE)) continue;
        queued[r] = 1;
        queue.push(r);
      }
    }
    cluster++;
  }
  return labels;
}
