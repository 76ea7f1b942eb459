import { describe, expect, it } from "vitest";
import { createRandom } from "@equitable/core";
import { dbscan, NOISE } from "./dbscan.js";
import { gradientOutliers } from "./gradient-outliers.js";
import { FactoredSampleGradients } from "./factored-sample-gradients.js";

/** Two tight 2-D blobs and one point far from both. */
function blobs(): number[][] {
  const rng = createRandom(4);
  const pts: number[][] = [];
  for (let i = 0; i < 20; i++) pts.push([rng.normal() * 0.1, rng.normal() * 0.1]);
  for (let i = 0; i < 20; i++) pts.push([5 + rng.normal() * 0.1, 5 + rng.normal() * 0.1]);
  pts.push([2.5, -3]); // the planted outlier, index 40
  return pts;
}
const near = (pts: number[][], eps: number) => (a: number, b: number) => Math.hypot(pts[a][0] - pts[b][0], pts[a][1] - pts[b][1]) <= eps;

describe("dbscan", () => {
  it("labels a planted outlier noise and the two blobs as two clusters", () => {
    const pts = blobs();
    const labels = dbscan(pts.length, 4, near(pts, 0.5));
    expect(labels[40]).toBe(NOISE);
    expect(new Set(labels.slice(0, 20))).toEqual(new Set([0]));
    expect(new Set(labels.slice(20, 40))).toEqual(new Set([1]));
  });

  it("counts the point itself towards minPts, and a border point joins the cluster without extending it", () => {
    // 0, 1, 2 on a line 1 apart, 3 at distance 1 from 2, 4 far away.
    const line = [[0, 0], [1, 0], [2, 0], [3, 0], [10, 0]];
    // minPts 3: 1 and 2 are core (3 neighbours each, themselves included), 0 and 3 border, 4 noise.
    expect(Array.from(dbscan(5, 3, near(line, 1)))).toEqual([0, 0, 0, 0, NOISE]);
    // minPts 4: nobody has 4 points within 1, so everything is noise.
    expect(Array.from(dbscan(5, 4, near(line, 1)))).toEqual([NOISE, NOISE, NOISE, NOISE, NOISE]);
  });
});

describe("gradientOutliers (IRWO)", () => {
  it("drops a sample whose gradient lies far from every other, keeps the rest", () => {
    // One row per sample (agents 1, horizon 1): g_a = e_a·Φ_a, Φ_a 2-D; e = 1 so g_a = Φ_a.
    const pts = blobs();
    const phi = Float32Array.from(pts.flat());
    const gradients = new FactoredSampleGradients(pts.length, 1, 1, 2, phi, new Float64Array(pts.length).fill(1));
    const keep = gradientOutliers(gradients, { eps: 0.2, minPts: 4, clusterRows: 128 });
    expect(keep[40]).toBe(0);
    expect(Array.from(keep.slice(0, 40)).every((k) => k === 1)).toBe(true);
  });

  it("cosine distance keeps a large sample that points with its cluster (which euclidean drops) and drops one that points elsewhere", () => {
    // With one shared forecast and last-layer gradients, g = e·Φ: agents of a tick differ by the size e only.
    const rows = 22;
    const phi = new Float32Array(rows * 2);
    const e = new Float64Array(rows).fill(1);
    for (let a = 0; a < 20; a++) phi.set([1, 0.02 * (a - 10)], 2 * a);
    phi.set([1, 0], 40); // sample 20: the cluster's direction …
    e[20] = 20; // … twenty times as large (a worst-off agent's regret slope)
    phi.set([0, 1], 42); // sample 21: another direction, ordinary size
    const gradients = new FactoredSampleGradients(rows, 1, 1, 2, phi, e);
    const euclidean = gradientOutliers(gradients, { eps: 0.5, minPts: 4, clusterRows: 128 });
    const cosine = gradientOutliers(gradients, { eps: 0.3, minPts: 4, clusterRows: 128, distance: "cosine" });
    expect([euclidean[20], euclidean[21]]).toEqual([0, 1]);
    expect([cosine[20], cosine[21]]).toEqual([1, 0]);
    expect(Array.from(cosine.slice(0, 20)).every((k) => k === 1)).toBe(true);
  });
});
