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
  return dbscanByRegion(n, minPts, (p, found) => {
    let c = 0;
    for (let q = 0; q < n; q++) if (q === p || isNeighbour(p, q)) found[c++] = q;
    return c;
  });
}

/**
 * {@link dbscan} given region queries: `region(p, found)` writes the indices of p's neighbours
 * (p included) into `found` and returns how many, so a caller can answer a query with one tight
 * loop over a row of distances instead of n predicate calls.
 */
export function dbscanByRegion(n: number, minPts: number, regionOf: (p: number, found: Int32Array) => number): Int32Array {
  const UNSEEN = -2;
  const labels = new Int32Array(n).fill(UNSEEN);
  // Typed buffers, reused: a dense cluster's region queries return O(n) points each, and
  // fresh arrays per query made the collector dominate at n = 6400 (50 agents × 128 rows).
  const found = new Int32Array(n);
  const region = (p: number): number => regionOf(p, found);
  // A point waits in at most one cluster's queue, so the queue never holds more than n.
  const queued = new Uint8Array(n);
  const queue = new Int32Array(n);
  let cluster = 0;
  for (let p = 0; p < n; p++) {
    if (labels[p] !== UNSEEN) continue;
    let size = region(p);
    if (size < minPts) {
      labels[p] = NOISE; // may still become a border point of a later cluster
      continue;
    }
    labels[p] = cluster;
    let tail = 0;
    const enqueue = (count: number) => {
      for (let k = 0; k < count; k++) {
        const r = found[k];
        if (queued[r] || (labels[r] !== UNSEEN && labels[r] !== NOISE)) continue;
        queued[r] = 1;
        queue[tail++] = r;
      }
    };
    enqueue(size);
    for (let head = 0; head < tail; head++) {
      const q = queue[head];
      if (labels[q] === NOISE) labels[q] = cluster; // a border point
      if (labels[q] !== UNSEEN) continue;
      labels[q] = cluster;
      size = region(q);
      if (size >= minPts) enqueue(size);
    }
    cluster++;
  }
  return labels;
}
