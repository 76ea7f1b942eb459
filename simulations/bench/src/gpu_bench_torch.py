# The networks of gpu.bench.ts in PyTorch, the peer a GPU user would pick: the same shapes, Adam,
# one training step timed (median after warm-up), synchronised before each clock read.
# Usage: python3 gpu_bench_torch.py <cuda|cpu> <steps> <batch> [<batch> ...] [--small]
# Prints one JSON object per line: {"name": ..., "batch": ..., "ms": ...}.
import json, math, sys, time
import torch

dev = sys.argv[1]
steps = int(sys.argv[2])
small = "--small" in sys.argv
batches = [int(a) for a in sys.argv[3:] if not a.startswith("--")]
torch.manual_seed(0)
W, H = 12, 12


def sync():
    if dev == "cuda":
        torch.cuda.synchronize()


def timed(step, warm=3):
    for _ in range(warm):
        step()
    sync()
    ts = []
    for _ in range(steps):
        s = time.perf_counter(); step(); sync(); ts.append((time.perf_counter() - s) * 1e3)
    ts.sort()
    return ts[len(ts) // 2]


class Transformer(torch.nn.Module):
    """packages/model's encoder: scalar-token embedding + positions, fused QKV, post-norm layer, flat head."""
    def __init__(s, d, heads, ff, window=W, horizon=H):
        super().__init__(); s.d, s.h, s.w = d, heads, window
        s.embed = torch.nn.Linear(1, d); s.qkv = torch.nn.Linear(d, 3 * d); s.o = torch.nn.Linear(d, d)
        s.ln1 = torch.nn.LayerNorm(d); s.f1 = torch.nn.Linear(d, ff); s.f2 = torch.nn.Linear(ff, d); s.ln2 = torch.nn.LayerNorm(d)
        s.head = torch.nn.Linear(window * d, horizon)
        pos = torch.arange(window).unsqueeze(1) / torch.pow(10000, (2 * (torch.arange(d) // 2)) / d)
        s.register_buffer("pe", torch.where(torch.arange(d) % 2 == 0, torch.sin(pos), torch.cos(pos)))
    def forward(s, x):
        b = x.shape[0]; dh = s.d // s.h
        e = s.embed(x.unsqueeze(-1)) + s.pe
        q, k, v = s.qkv(e).view(b, s.w, 3, s.h, dh).permute(2, 0, 3, 1, 4)
        a = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(dh), -1)
        h = s.ln1(e + s.o((a @ v).transpose(1, 2).reshape(b, s.w, s.d)))
        z = s.ln2(h + s.f2(torch.relu(s.f1(h))))
        return s.head(z.reshape(b, -1))


class Lstm(torch.nn.Module):
    """The paper's data-centre model: LSTM(hidden) over the window, softplus head."""
    def __init__(s, hidden, horizon=1):
        super().__init__(); s.lstm = torch.nn.LSTM(1, hidden, batch_first=True); s.head = torch.nn.Linear(hidden, horizon)
    def forward(s, x):
        out, _ = s.lstm(x.unsqueeze(-1))
        return torch.nn.functional.softplus(s.head(out[:, -1]))


def report(name, batch, ms):
    print(json.dumps({"name": name, "batch": batch, "ms": ms}), flush=True)


n = 256 if small else 4096
a = torch.randn(n, n, device=dev); b = torch.randn(n, n, device=dev)
ms = timed(lambda: (a @ b).sum().item())
print(json.dumps({"name": "matmul", "n": n, "gflops": 2 * n ** 3 / ms / 1e6}), flush=True)

d, heads = (16, 2) if small else (250, 10)
hidden = 8 if small else 50
agents, samples = 70, 8
lambdas = torch.linspace(1, 100, 10, device=dev)
for batch in batches:
    x = torch.rand(batch, W, device=dev); y = torch.rand(batch, H, device=dev)
    # Transformer, MSE.
    m = Transformer(d, heads, d).to(dev); opt = torch.optim.Adam(m.parameters(), 1e-3)
    def mse_step():
        opt.zero_grad(); l = ((m(x) - y) ** 2).mean(); l.backward(); opt.step(); l.item()
    report(f"transformer d={d} mse", batch, timed(mse_step))
    # Transformer, policy-gradient surrogate: S Gaussian samples around the mean, score-weighted log-density.
    scores = torch.randn(samples, batch, device=dev) / agents
    def pg_step():
        opt.zero_grad(); mean = m(x)
        with torch.no_grad():
            sampled = mean.unsqueeze(0) + 0.3 * torch.randn(samples, *mean.shape, device=dev)
        logp = (-((sampled - mean.unsqueeze(0)) ** 2) / (2 * 0.3 ** 2)).sum(-1)
        l = (logp * scores).sum(); l.backward(); opt.step(); l.item()
    report(f"transformer d={d} pg S={samples}", batch, timed(pg_step))
    # LSTM, data-centre Equitable Objective (Eq. 12 regrets of 10 agents, norm form, q+1 = 3).
    lm = Lstm(hidden).to(dev); lopt = torch.optim.Adam(lm.parameters(), 1e-3)
    x1 = torch.rand(batch, W, device=dev) + 0.5; y1 = torch.rand(batch, 1, device=dev) + 0.5
    demand = torch.rand(batch, 10, device=dev) + 0.5
    def lstm_step():
        lopt.zero_grad(); f = torch.clamp(lm(x1), min=1e-6)
        per = (torch.sqrt(f) - torch.sqrt(y1)) ** 2 / torch.sqrt(f)
        r = torch.sqrt(lambdas * demand) * per
        c = r.mean(0); s = c.max() + 1e-12
        l = s * ((c / s) ** 3).sum() ** (1 / 3) / c.shape[0]
        l.backward(); lopt.step(); l.item()
    report(f"lstm({hidden}) datacentre equitable", batch, timed(lstm_step))
